package dev.flowrunner.application.events;

import dev.flowrunner.application.events.RunChange.AttemptChanged;
import dev.flowrunner.application.events.RunChange.AttemptEvent;
import dev.flowrunner.application.events.RunChange.FlowChanged;
import dev.flowrunner.application.events.RunChange.RunStatusChanged;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.Run;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Announces recorded changes of runs to asynchronous observers, each numbered in its run's order. Called after the
 * change is stored: whoever reads the store after seeing a change's number finds that change in it.
 */
@ApplicationScoped
public class RunEvents {

    private static final Logger LOG = Logger.getLogger(RunEvents.class.getName());

    private final Event<RunChanged> changes;
    private final RunSequences sequences = new RunSequences();

    /** For CDI's client proxy, which forwards every call to the bean. */
    protected RunEvents() {
        this(null);
    }

    @Inject
    public RunEvents(Event<RunChanged> changes) {
        this.changes = changes;
    }

    public void runChanged(Run run) {
        fire(run.id(), RunStatusChanged.of(run));
    }

    public void flowChanged(String runId, FlowState flow) {
        fire(runId, new FlowChanged(flow));
    }

    public void attemptChanged(Attempt attempt, AttemptEvent event) {
        fire(attempt.key().runId(), new AttemptChanged(event, attempt));
    }

    /**
     * Announces a change the leader recorded and numbered, to this standby's observers (its browsers' channels), as
     * the leader announced it.
     */
    public void relay(RunChanged changed) {
        sequences.follow(changed.runId(), changed.epoch(), changed.sequence());
        announce(changed);
    }

    /** The run's position now; a snapshot read after this call contains every change up to it. */
    public RunPosition position(String runId) {
        return sequences.current(runId);
    }

    private void fire(String runId, RunChange change) {
        RunPosition position = sequences.next(runId);
        announce(new RunChanged(runId, position.epoch(), position.sequence(), change));
    }

    private void announce(RunChanged changed) {
        String runId = changed.runId();
        CompletionStage<RunChanged> delivered;
        try {
            delivered = changes.fireAsync(changed);
        } catch (RejectedExecutionException stopping) {
            // The server is stopping and its executor takes no more work. What changed is recorded already; only its
            // announcement is lost, and the browsers that would have heard it are being disconnected anyway.
            LOG.fine(() -> "change of run " + runId + " not announced: " + stopping.getMessage());
            return;
        }
        delivered.exceptionally(failure -> {
                    // An asynchronous observer's failure reaches only this stage: say it, or nobody ever learns of it.
                    LOG.log(Level.WARNING, "an observer of run " + runId + "'s changes failed", failure);
                    return null;
                });
    }
}
