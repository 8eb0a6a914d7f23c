package dev.flowrunner.application.execution;

import dev.flowrunner.domain.Leadership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/**
 * Checked before every launch and every attempt record: only the leader launches workers and records what they did.
 * A replica that lost the lead without knowing it yet (paused past its renewal deadline, say) waits here instead,
 * until its election ends its process: a new leader has meanwhile resumed the run, and a second worker for the same
 * attempt would run its scenario twice.
 */
@ApplicationScoped
public class LeaderGuard {

    private static final Logger LOG = Logger.getLogger(LeaderGuard.class.getName());
    private static final long LOOK_EVERY_MILLIS = 200;

    private Leadership leadership;

    /** For the container's proxy. */
    protected LeaderGuard() {
    }

    @Inject
    public LeaderGuard(Leadership leadership) {
        this.leadership = leadership;
    }

    public void awaitLead() throws InterruptedException {
        if (leadership.leads()) {
            return;
        }
        LOG.warning(() -> leadership.identity() + " does not lead now: it launches and records nothing until it does");
        while (!leadership.leads()) {
            Thread.sleep(LOOK_EVERY_MILLIS);
        }
    }

    /** {@link #awaitLead} for callers that cannot be interrupted: an interruption is kept for them to see. */
    public void awaitLeadUninterruptibly() {
        try {
            awaitLead();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while this replica did not lead", e);
        }
    }
}
