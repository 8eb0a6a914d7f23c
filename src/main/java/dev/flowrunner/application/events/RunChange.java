package dev.flowrunner.application.events;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.Run;

import java.time.Instant;

/** What was recorded about a run, carrying the recorded state itself: applying a change twice does no harm. */
public sealed interface RunChange {

    /** The run started, ended, began a re-run round or learnt of a problem. */
    record RunStatusChanged(String projectId, String status, int round, Instant endedAt, String problem)
            implements RunChange {

        public static RunStatusChanged of(Run run) {
            return new RunStatusChanged(run.projectId(), run.status().name(), run.round(), run.endedAt(),
                    run.problem());
        }
    }

    record FlowChanged(FlowState flow) implements RunChange {
    }

    record AttemptChanged(AttemptEvent event, Attempt attempt) implements RunChange {
    }

    /** What happened to an attempt, as a live board tells it. */
    enum AttemptEvent {
        QUEUED, STARTED, RETRIED, FINISHED, INTERRUPTED, RESUMED
    }
}
