package dev.flowrunner.application.report;

import dev.flowrunner.application.FlowJobState;
import dev.flowrunner.application.InMemoryAttempts;
import dev.flowrunner.application.InMemoryRuns;
import dev.flowrunner.application.RecordingFlowJobs;
import dev.flowrunner.application.RecordingLauncher;
import dev.flowrunner.domain.ExecutionPolicy;
import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunPlan;
import dev.flowrunner.domain.RunStatus;
import dev.flowrunner.infrastructure.storage.FileArtifactStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Deleting a run deletes everything it left: stored files, records, local leftovers, batch jobs. */
class RetentionServiceTest {

    private static final Flow FLOW = new Flow("f", "F", List.of());

    @TempDir
    Path storeRoot;

    private final InMemoryRuns runs = new InMemoryRuns();
    private final RecordingFlowJobs jobs = new RecordingFlowJobs();
    private final RecordingLauncher launcher = new RecordingLauncher();
    private RetentionService retention;

    @BeforeEach
    void wire() {
        retention = new RetentionService();
        retention.runs = runs;
        retention.attempts = new InMemoryAttempts();
        retention.store = new FileArtifactStore(storeRoot);
        retention.launcher = launcher;
        retention.jobs = jobs;
    }

    @Test
    void aDeletedRunTakesItsFilesItsLocalLeftoversAndItsBatchJobsWithIt() {
        Run run = ended("r1");
        retention.store.put("runs/r1/f/g/s/attempt-1/stdout.log", "hi".getBytes(StandardCharsets.UTF_8), "text/plain");

        retention.delete("r1");

        assertTrue(runs.find("r1").isEmpty());
        assertEquals(List.of(), retention.store.list("runs/r1/"));
        assertEquals(List.of("r1"), launcher.forgottenRuns);
        assertEquals(Set.of(run.id()), jobs.forgotten);
    }

    @Test
    void jobsOfRunsThatAreGoneAreForgottenButNeverThoseOfExistingRunsOrStillActive() {
        ended("kept");
        ended("gone");
        Run ending = ended("still-ending");
        runs.delete("gone");
        runs.delete("still-ending");
        jobs.start(ending, FLOW); // deleted while its last job was still ending

        assertEquals(1, retention.forgetJobsOfDeletedRuns());

        assertEquals(Set.of("gone"), jobs.forgotten);
    }

    /** An ended run with one ended flow job, as the batch runtime leaves it. */
    private Run ended(String id) {
        var plan = new RunPlan("p", "x", "X", 1, List.of("true"), null, Map.of(), ExecutionPolicy.DEFAULT,
                List.of(FLOW), null, null);
        Run run = new Run(id, "p", "x", "api", RunStatus.PASSED, Instant.EPOCH, Instant.EPOCH.plusSeconds(1), plan,
                List.of(FlowState.pending("f")), 0, null);
        runs.create(run);
        long job = jobs.start(run, FLOW);
        jobs.setState(job, new FlowJobState(FlowJobState.Phase.COMPLETED, null));
        return run;
    }
}
