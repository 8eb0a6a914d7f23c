package dev.flowrunner.incontainer;

import dev.flowrunner.application.FlowJobState;
import dev.flowrunner.application.FlowJobs;
import dev.flowrunner.application.RunService;
import dev.flowrunner.application.catalog.CatalogService;
import dev.flowrunner.batch.BatchIdentity;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.Execution;
import dev.flowrunner.domain.ExecutionPolicy;
import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.Project;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunStatus;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.ScenarioGroup;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.StepExecution;
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
 * ends the job and the scenario it was running; a restart runs only what had not completed.
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
    @Inject
    BatchIdentity batchIdentity;

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
        // The run's end is recorded by the job's listener, just before the batch runtime marks the job COMPLETED.
        await(() -> jobs.state(flow.jobExecutionId()).phase() == FlowJobState.Phase.COMPLETED);
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

    /**
     * The job is stopped by the batch runtime's own hand (as a stopping server stops it), not by its run, while the
     * second group runs: one of its slots has finished its scenario, the other waits for a worker. The worker is left
     * running; the restart leaves the completed first group's step alone and runs the second group's step again,
     * where the finished scenario does not run a second time and the running one is re-attached to its worker.
     */
    @Test
    void aRestartedJobRunsOnlyWhatHadNotCompletedAndReattachesToWorkersLeftRunning() throws Exception {
        String script = "case \"$0\" in *slow*) sleep 8;; esac";
        String id = executionOfGroups(List.of("sh", "-c", script, "{location}"), List.of(
                new ScenarioGroup("g01-first", "First", 1, false, List.of(
                        new Scenario("early", "features/early.feature", 3, null, List.of()))),
                new ScenarioGroup("g02-second", "Second", 2, false, List.of(
                        new Scenario("quick", "features/quick.feature", 3, null, List.of()),
                        new Scenario("slow", "features/slow.feature", 3, null, List.of())))));
        Run run = runs.start(id, "user:in-container");
        await(() -> status(run.id(), "quick").equals("PASSED") && status(run.id(), "slow").equals("RUNNING"));
        long stoppedJob = runs.get(run.id()).flows().get(0).jobExecutionId();
        String slowWorker = attempt(run.id(), "slow").workerId();

        jobs.stop(stoppedJob);
        await(() -> jobs.state(stoppedJob).phase() == FlowJobState.Phase.INTERRUPTED);
        assertEquals(RunStatus.RUNNING, runs.get(run.id()).status(), "a stop the run did not ask for ends nothing");
        assertEquals("RUNNING", status(run.id(), "slow"), "its worker goes on");
        long restartedJob = jobs.restart(stoppedJob, runs.get(run.id()), "main");
        Run ended = awaitEnd(run.id());

        assertEquals(RunStatus.PASSED, ended.status());
        await(() -> jobs.state(restartedJob).phase() == FlowJobState.Phase.COMPLETED);
        List<String> restartedSteps = batchIdentity.call(() -> BatchRuntime.getJobOperator()
                .getStepExecutions(restartedJob)).stream().map(StepExecution::getStepName).toList();
        assertEquals(List.of("g02-second"), restartedSteps, "the completed group's step is not run again");
        assertEquals(List.of("PASSED"), statuses(run.id(), "early"), "the first group's scenario ran once");
        assertEquals(List.of("PASSED"), statuses(run.id(), "quick"), "the finished partition's scenario ran once");
        assertEquals(List.of("PASSED"), statuses(run.id(), "slow"), "the running scenario was not launched again");
        assertEquals(slowWorker, attempt(run.id(), "slow").workerId(), "re-attached to the worker left running");
    }

    private String execution(List<String> command, List<Scenario> scenarios) {
        return executionOfGroups(command, List.of(new ScenarioGroup("g01-all", "All", 2, false, scenarios)));
    }

    private String executionOfGroups(List<String> command, List<ScenarioGroup> groups) {
        String id = "in-container-" + System.nanoTime();
        catalog.createProject(new Project(id, "In container", command, null, Map.of(), null, null));
        catalog.createExecution(new Execution(id, id, "In container", List.of(new Flow("main", "Main", groups)),
                ExecutionPolicy.DEFAULT, Map.of(), 0));
        return id;
    }

    private String status(String runId, String scenarioKey) {
        List<String> statuses = statuses(runId, scenarioKey);
        return statuses.isEmpty() ? "none" : statuses.get(statuses.size() - 1);
    }

    private Attempt attempt(String runId, String scenarioKey) {
        return runs.attempts(runId).stream().filter(a -> a.key().scenarioKey().equals(scenarioKey)).findFirst()
                .orElseThrow();
    }

    private List<String> statuses(String runId, String scenarioKey) {
        return runs.attempts(runId).stream().filter(a -> a.key().scenarioKey().equals(scenarioKey))
                .sorted(java.util.Comparator.comparingInt(a -> a.key().number())).map(a -> a.status().name()).toList();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not reached within a minute");
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
