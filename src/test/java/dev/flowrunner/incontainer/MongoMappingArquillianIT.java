package dev.flowrunner.incontainer;

import dev.flowrunner.domain.Project;
import dev.flowrunner.domain.ProjectRepository;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The JNoSQL mappings as Liberty runs them: a project goes into MongoDB and comes back whole. */
@ExtendWith(ArquillianExtension.class)
class MongoMappingArquillianIT {

    @Deployment
    static WebArchive deployment() {
        return InContainer.application(MongoMappingArquillianIT.class);
    }

    @Inject
    ProjectRepository projects;

    @Test
    void aProjectComesBackAsItWasStored() {
        var project = new Project("in-container-" + System.nanoTime(), "In container",
                List.of("node", "cucumber.js", "{locations}"), "/srv/suite", Map.of("BASE_URL", "http://shop"),
                null, null);

        projects.create(project);

        assertEquals(project, projects.find(project.id()).orElseThrow());
    }
}
