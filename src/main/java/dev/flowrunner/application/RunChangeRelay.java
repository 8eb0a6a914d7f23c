package dev.flowrunner.application;

import dev.flowrunner.application.events.RunChange;
import dev.flowrunner.application.events.RunChanged;
import dev.flowrunner.application.events.RunEvents;
import dev.flowrunner.configuration.LeaderElectionSettings;
import dev.flowrunner.domain.Leadership;
import dev.flowrunner.domain.RunChangeLog;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Lets browsers on every replica follow every run: the leader appends each change it announces to the shared run
 * change log, and each standby reads the log forward a few times a second and announces the changes to its own
 * observers with the leader's numbers (the live channels' snapshot-then-changes contract holds on any replica). A
 * server without replicas does none of it.
 */
@ApplicationScoped
public class RunChangeRelay {

    private static final Logger LOG = Logger.getLogger(RunChangeRelay.class.getName());
    private static final Duration READ_EVERY = Duration.ofMillis(250);
    private static final Duration KEPT = Duration.ofMinutes(10);
    private static final int READ_AT_ONCE = 500;

    @Inject
    RunChangeLog log;
    @Inject
    RunEvents events;
    @Inject
    Leadership leadership;
    @Inject
    LeaderElectionSettings election;
    @Resource
    ManagedScheduledExecutorService scheduler;

    /** The leader's last position; read from the log at its first change, past whatever earlier leaders appended. */
    private long appended = -1;
    /** The last position this standby announced; until its first read, none: it follows from the log's end then. */
    volatile long relayed = -1;

    void followAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (election.onKubernetes()) {
            // Not read here: the store's connection may not be open yet at this point of the start-up.
            scheduler.scheduleWithFixedDelay(this::relayNew, READ_EVERY.toMillis(), READ_EVERY.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    void trimWhenLeading(@Observes LeadershipGained gained) {
        if (election.onKubernetes()) {
            scheduler.scheduleWithFixedDelay(() -> log.forgetBefore(Instant.now().minus(KEPT)), 1, 1,
                    TimeUnit.MINUTES);
        }
    }

    /**
     * A standby's own announcements are relayed ones and stay out; a relayed change that a standby coming to lead
     * announced just before may be logged twice, which its readers' channels, ordering by number, take as one.
     */
    void append(@ObservesAsync RunChanged changed) {
        if (!election.onKubernetes() || !leadership.leads()) {
            return;
        }
        String type = RunChangeCodec.type(changed.change());
        String json = RunChangeCodec.encode(changed.change());
        try {
            appendInOrder(changed, type, json);
        } catch (RuntimeException e) {
            // The standbys' browsers miss this change, see the gap in the numbers and ask for a fresh snapshot.
            LOG.log(Level.WARNING, "a change of run " + changed.runId() + " could not be logged for the standbys", e);
        }
    }

    /**
     * One at a time: a standby reads forward from the last position it saw, so a position must never become visible
     * after a higher one.
     */
    private synchronized void appendInOrder(RunChanged changed, String type, String json) {
        if (appended < 0) {
            appended = log.end();
        }
        log.append(new RunChangeLog.Entry(appended + 1, changed.runId(), changed.epoch(), changed.sequence(), type,
                json, Instant.now()));
        appended++;
    }

    void relayNew() {
        if (leadership.leads()) {
            return;
        }
        try {
            if (relayed < 0) {
                // What came before is in the store already, where a browser's snapshot is read from.
                relayed = log.end();
                return;
            }
            for (RunChangeLog.Entry entry : log.after(relayed, READ_AT_ONCE)) {
                RunChange change = RunChangeCodec.decode(entry.type(), entry.json());
                events.relay(new RunChanged(entry.runId(), entry.epoch(), entry.sequence(), change));
                relayed = entry.position();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "the leader's run changes could not be read; tried again shortly", e);
        }
    }
}
