package dev.flowrunner.infrastructure.mongo;

import dev.flowrunner.domain.PodOptions;
import dev.flowrunner.domain.Project;
import dev.flowrunner.domain.Secrets;
import jakarta.nosql.Column;
import jakarta.nosql.Entity;
import jakarta.nosql.Id;

import java.util.List;
import java.util.Map;

@Entity("projects")
public record ProjectDocument(@Id String id, @Column String name, @Column List<String> command,
                              @Column String workingDirectory, @Column Map<String, String> testData,
                              @Column String podImage, @Column String podCpu, @Column String podMemory,
                              @Column List<String> podImagePullSecrets, @Column Map<String, String> podNodeSelector,
                              @Column List<String> podTolerations, @Column String podPriorityClassName,
                              @Column List<String> podSecretEnvFrom, @Column Map<String, String> sealedSecrets,
                              @Column Map<String, String> secretReferences, @Column Boolean podWritableRoot) {

    static ProjectDocument of(Project p) {
        PodOptions pod = p.pod();
        return new ProjectDocument(p.id(), p.name(), p.command(), p.workingDirectory(), p.testData(), pod.image(),
                pod.cpu(), pod.memory(), pod.imagePullSecrets(), pod.nodeSelector(), pod.tolerations(),
                pod.priorityClassName(), pod.secretEnvFrom(), p.secrets().sealed(), p.secrets().references(),
                pod.writableRootFilesystem());
    }

    Project toDomain() {
        return new Project(id, name, command, workingDirectory, testData == null ? Map.of() : testData,
                new PodOptions(podImage, podCpu, podMemory, podImagePullSecrets, podNodeSelector, podTolerations,
                        podPriorityClassName, podSecretEnvFrom, podWritableRoot), new Secrets(sealedSecrets, secretReferences));
    }
}
