package dev.flowrunner.application.execution;

import dev.flowrunner.application.errors.NotFoundException;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptRepository;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.OutputSlice;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.WorkerLauncher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a running attempt's runner has written so far, for the board to show while it runs: read from its worker (a
 * local process's files, a pod's log), whole lines, the run's secret values masked. An ended attempt's output is
 * its stored files.
 */
@ApplicationScoped
public class LiveOutput {

    @Inject
    RunReader runs;
    @Inject
    AttemptRepository attempts;
    @Inject
    WorkerLauncher launcher;
    @Inject
    RunSecrets secrets;

    /**
     * @param running     false once the attempt has ended: its stored stdout and stderr hold everything
     * @param batch       the batch whose worker the attempt shares (its output is the batch's), or null
     * @param unavailable why nothing is shown while it runs, or null
     */
    public record AttemptOutput(boolean running, String batch, List<OutputSlice> streams, String unavailable) {
    }

    /** @param offsets by stream, the byte offset to read from (the {@code nextOffset} of the slice before) */
    public AttemptOutput read(String runId, String scenarioKey, int number, Map<String, Long> offsets) {
        Run run = runs.find(runId).orElseThrow(() -> new NotFoundException("run", runId));
        Attempt attempt = attempts.listByScenario(runId, scenarioKey).stream()
                .filter(a -> a.key().number() == number).findFirst()
                .orElseThrow(() -> new NotFoundException("attempt", scenarioKey + " #" + number));
        String batch = attempt.batch() == null ? null : attempt.batch().id();
        if (attempt.status() != AttemptStatus.RUNNING) {
            return new AttemptOutput(false, batch, List.of(), null);
        }
        if (!run.plan().secrets().references().isEmpty() || !run.plan().pod().secretEnvFrom().isEmpty()) {
            return new AttemptOutput(true, batch, List.of(), "not shown while it runs: some of this run's secrets "
                    + "come from Kubernetes Secrets, whose values Flowrunner does not know and so cannot mask; the "
                    + "pod stores its output masked when the attempt ends");
        }
        Set<String> masked = Set.copyOf(secrets.open(run).values());
        List<OutputSlice> streams = launcher.output(launcher.locate(attempt.workerKey()), offsets, masked);
        return new AttemptOutput(true, batch, streams, streams.isEmpty() ? "no output yet" : null);
    }
}
