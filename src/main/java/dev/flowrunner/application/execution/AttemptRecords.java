package dev.flowrunner.application.execution;

import dev.flowrunner.application.events.RunChange.AttemptEvent;
import dev.flowrunner.application.events.RunEvents;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.function.Function;

/** Records an attempt as it changes, and announces the change to the run's live channel. */
@ApplicationScoped
public class AttemptRecords {

    @Inject
    AttemptRepository attempts;
    @Inject
    RunEvents events;
    @Inject
    LeaderGuard leaderGuard;

    public void record(Attempt attempt, AttemptEvent event) {
        leaderGuard.awaitLeadUninterruptibly();
        attempts.upsert(attempt);
        events.attemptChanged(attempt, event);
    }

    /** Records several attempts in one request to the store, then announces each. */
    public void recordAll(List<Attempt> changed, Function<Attempt, AttemptEvent> event) {
        leaderGuard.awaitLeadUninterruptibly();
        attempts.upsertAll(changed);
        changed.forEach(a -> events.attemptChanged(a, event.apply(a)));
    }
}
