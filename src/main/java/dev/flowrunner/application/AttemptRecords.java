package dev.flowrunner.application;

import dev.flowrunner.application.RunChange.AttemptEvent;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Records an attempt as it changes, and announces the change to the run's live channel. */
@ApplicationScoped
public class AttemptRecords {

    @Inject
    AttemptRepository attempts;
    @Inject
    RunEvents events;

    public void record(Attempt attempt, AttemptEvent event) {
        attempts.upsert(attempt);
        events.attemptChanged(attempt, event);
    }
}
