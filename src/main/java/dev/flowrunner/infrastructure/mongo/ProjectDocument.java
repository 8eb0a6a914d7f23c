package dev.flowrunner.infrastructure.mongo;

import dev.flowrunner.domain.Project;
import jakarta.nosql.Column;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;

import java.util.List;
import java.util.Map;

@Entity("projects")
public record ProjectDocument(@Id String id, @Column String name, @Column List<String> command,
                              @Column String workingDirectory, @Column Map<String, String> testData) {

    static ProjectDocument of(Project p) {
        return new ProjectDocument(p.id(), p.name(), p.command(), p.workingDirectory(), p.testData());
    }

    Project toDomain() {
        return new Project(id, name, command, workingDirectory, testData == null ? Map.of() : testData);
    }
}
