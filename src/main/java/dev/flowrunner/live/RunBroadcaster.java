package dev.flowrunner.live;

import dev.flowrunner.application.RunViews;
import dev.flowrunner.application.events.RunChange;
import dev.flowrunner.application.events.RunChanged;
import dev.flowrunner.application.events.RunEvents;
import dev.flowrunner.application.events.RunPosition;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Pushes each run's changes to its live subscribers: a snapshot first, then the changes after it in the run's
 * order. Runs nobody watches cost one map lookup per change.
 */
@ApplicationScoped
public class RunBroadcaster {

    private static final Logger LOG = Logger.getLogger(RunBroadcaster.class.getName());

    @Inject
    RunEvents events;
    @Inject
    RunRepository runs;
    @Inject
    RunViews views;

    private final Map<String, RunChannel> channels = new ConcurrentHashMap<>();

    /** @return false when there is no such run */
    boolean subscribe(String runId, LiveSession session) {
        Optional<Run> found = runs.find(runId);
        if (found.isEmpty()) {
            return false;
        }
        while (true) {
            RunChannel channel = channels.computeIfAbsent(runId, id -> new RunChannel(events.position(id)));
            synchronized (channel) {
                if (channels.get(runId) != channel) {
                    continue; // its last subscriber left meanwhile and took it away
                }
                // Read under the channel's lock: no change of this run is sent while its snapshot is taken.
                RunPosition at = events.position(runId);
                session.send(LiveMessages.snapshot(at, views.tree(runs.find(runId).orElse(found.get()))));
                channel.add(session, at);
                return true;
            }
        }
    }

    void unsubscribe(String runId, LiveSession session) {
        channels.computeIfPresent(runId, (id, channel) -> {
            synchronized (channel) {
                return channel.remove(session) ? null : channel;
            }
        });
    }

    void onRunChanged(@ObservesAsync RunChanged changed) {
        RunChannel channel = channels.get(changed.runId());
        if (channel == null) {
            return;
        }
        synchronized (channel) {
            if (!channel.offer(changed, System.nanoTime())) {
                resend(changed.runId(), channel);
            }
        }
    }

    /** Gives every subscriber a fresh snapshot and counts on from it. */
    private void resend(String runId, RunChannel channel) {
        LOG.info(() -> "live subscribers of run " + runId + " start afresh from a new snapshot");
        RunPosition at = events.position(runId);
        channel.restart(at);
        Optional<Run> run = runs.find(runId);
        String snapshot = run.map(r -> LiveMessages.snapshot(at, views.tree(r))).orElse(null);
        for (Subscriber session : channel.sessions()) {
            if (snapshot != null) {
                session.send(snapshot);
            } else {
                session.end("the run was deleted");
            }
        }
    }

    /** The project of a changed run, for the project channels: only run-level changes concern them. */
    static Optional<String> projectOf(RunChanged changed) {
        return changed.change() instanceof RunChange.RunStatusChanged status ? Optional.of(status.projectId())
                : Optional.empty();
    }
}
