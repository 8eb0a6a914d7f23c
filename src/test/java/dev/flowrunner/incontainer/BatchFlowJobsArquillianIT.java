package dev.flowrunner.incontainer;

import dev.flowrunner.application.FlowJobState;
import dev.flowrunner.application.FlowJobs;
import dev.flowrunner.application.RunService;
import dev.flowrunner.application.catalog.CatalogService;
import dev.flowrunner.domain.Execution;
import dev.flowrunner.domain.ExecutionPolicy;
import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.Project;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunStatus;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.ScenarioGroup;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The batch adapter as Liberty's batch runtime runs it: a run's flow becomes a generated job whose partitions run the
 * group's scenarios as local processes, and the job ends COMPLETED with every scenario's verdict recorded; a stop
 * ends the job and the scenario it was running.
 */
@ExtendWith(ArquillianExtension.class)
class BatchFlowJobsArquillianIT {

    @Deployment
    static WebArchive deployment() {
        return InContainer.application(BatchFlowJobsArquillianIT.class);
    }

    @Inject
    CatalogService catalog;
    @Inject
    RunService runs;
    @Inject
    FlowJobs jobs;

    @Test
    void aGeneratedJobRunsTheFlowsGroupsToTheEnd() throws InterruptedException {
        String id = execution(List.of("sh", "-c", "exit 0", "{location}"), List.of(
                new Scenario("one", "features/a.feature", 3, null, List.of()),
                new Scenario("two", "features/a.feature", 9, null, List.of()),
                new Scenario("three", "features/b.feature", 4, null, List.of())));

        Run run = runs.start(id, "user:in-container");
        Run ended = awaitEnd(run.id());

        assertEquals(RunStatus.PASSED, ended.status());
        FlowState flow = ended.flows().get(0);
        assertEquals(FlowJobState.Phase.COMPLETED, jobs.state(flow.jobExecutionId()).phase());
        assertEquals(3, runs.attempts(run.id()).size(), "each scenario ran once");
    }

    @Test
    void aStoppedRunStopsItsJobAndCancelsWhatWasRunning() throws InterruptedException {
        String id = execution(List.of("sh", "-c", "sleep 60", "{location}"),
                List.of(new Scenario("long", "features/a.feature", 3, null, List.of())));
        Run run = runs.start(id, "user:in-container");
        for (int i = 0; i < 300 && runs.attempts(run.id()).stream().noneMatch(a -> a.status().name().equals("RUNNING"));
             i++) {
            Thread.sleep(100);
        }

        runs.stop(run.id());
        Run ended = awaitEnd(run.id());

        assertEquals(RunStatus.STOPPED, ended.status());
        assertEquals(FlowJobState.Phase.INTERRUPTED, jobs.state(ended.flows().get(0).jobExecutionId()).phase());
        assertEquals("CANCELLED", runs.attempts(run.id()).get(0).status().name());
    }

    private String execution(List<String> command, List<Scenario> scenarios) {
        String id = "in-container-" + System.nanoTime();
        catalog.createProject(new Project(id, "In container", command, null, Map.of(), null, null));
        catalog.createExecution(new Execution(id, id, "In container", List.of(new Flow("main", "Main", List.of(
                new ScenarioGroup("g01-all", "All", 2, false, scenarios)))), ExecutionPolicy.DEFAULT, Map.of(), 0));
        return id;
    }

    private Run awaitEnd(String runId) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Run run = runs.get(runId);
            if (run.status().isFinal()) {
                return run;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run " + runId + " did not end within a minute: " + runs.get(runId).status());
    }
}
