package dev.flowrunner.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Announces recorded changes of runs to asynchronous observers. */
@ApplicationScoped
public class RunEvents {

    private static final Logger LOG = Logger.getLogger(RunEvents.class.getName());

    @Inject
    Event<RunChanged> changes;

    public void changed(String runId) {
        changes.fireAsync(new RunChanged(runId)).exceptionally(failure -> {
            // An asynchronous observer's failure reaches only this stage: say it, or nobody ever learns of it.
            LOG.log(Level.WARNING, "an observer of run " + runId + "'s changes failed", failure);
            return null;
        });
    }
}
