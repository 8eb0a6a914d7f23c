package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.domain.Leadership;
import io.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.kubernetes.client.extended.leaderelection.LeaderElectionRecord;
import io.kubernetes.client.extended.leaderelection.LeaderElector;
import io.kubernetes.client.extended.leaderelection.Lock;
import io.kubernetes.client.openapi.ApiException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Leads through a Kubernetes Lease, with client-java's leader election: the holder renews the Lease every retry
 * period; the others take it once it has gone unrenewed for the lease duration. This replica counts as leading only
 * until its renewal deadline after the start of its last successful renewal, which is shorter than the lease
 * duration the others wait: a leader paused (or cut off) past it stops launching the moment it wakes, before the
 * others may take over, whatever its election thread has yet to notice.
 */
public final class LeaseLeadership implements Leadership, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeaseLeadership.class.getName());

    private final LeaseTimings timings;
    private final RenewalRecordingLock lock;
    private final Runnable onLost;
    private final Clock clock;
    private final LeaderElector elector;
    private volatile boolean leading;
    private volatile String leader;
    private volatile Thread election;

    /**
     * @param lock   the Lease ({@link io.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock})
     * @param onLost what a replica that lost the lead does: in the server, end its process at once
     */
    public LeaseLeadership(Lock lock, LeaseTimings timings, Runnable onLost, Clock clock) {
        this.timings = timings;
        this.clock = clock;
        this.lock = new RenewalRecordingLock(lock, clock, timings.renewDeadline());
        this.onLost = onLost;
        this.elector = new LeaderElector(new LeaderElectionConfig(this.lock, timings.leaseDuration(),
                timings.renewDeadline(), timings.retryPeriod()),
                failure -> LOG.warning(() -> "the Lease " + lock.describe() + " could not be read or renewed: "
                        + failure));
    }

    @Override
    public void join(Runnable onLead) {
        Thread thread = new Thread(() -> elector.run(() -> {
            leading = true;
            LOG.info(() -> identity() + " leads (Lease " + lock.describe() + ")");
            onLead.run();
        }, this::lost, holder -> {
            leader = holder;
            LOG.info(() -> "the leader is " + holder);
        }), "leader-election");
        thread.setDaemon(true);
        election = thread;
        thread.start();
    }

    /** Called once the election ends: the lead was lost, or never held when the election was stopped. */
    private void lost() {
        boolean led = leading;
        leading = false;
        if (led && election != null) {
            LOG.severe(() -> identity() + " lost the lead (Lease " + lock.describe() + " not renewed within "
                    + timings.renewDeadline().toSeconds() + " s); it stops at once, as a crash would, for the new"
                    + " leader to resume its runs");
            onLost.run();
        }
    }

    @Override
    public boolean leads() {
        Instant renewed = lock.lastRenewalStarted();
        return leading && renewed != null && clock.instant().isBefore(renewed.plus(timings.renewDeadline()));
    }

    @Override
    public Optional<String> leader() {
        return Optional.ofNullable(leader);
    }

    @Override
    public String identity() {
        return lock.identity();
    }

    /**
     * Stops taking part. A leader keeps its Lease until it expires: handing it over at once would let another replica
     * resume runs whose jobs may still be ending in this one.
     */
    @Override
    public void close() {
        Thread thread = election;
        election = null;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** How the Lease is held: the lease duration &gt; the renewal deadline &gt; the retry period. */
    public record LeaseTimings(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
    }

    /**
     * The Lease, remembering when this replica's last successful renewal (or acquisition) started, and telling of
     * calls slow enough to threaten the renewal deadline: the first sign of an API server (or a replica) too busy to
     * keep its leader.
     */
    private static final class RenewalRecordingLock implements Lock {

        private static final Duration SLOW = Duration.ofSeconds(1);
        private final Lock lease;
        private final Clock clock;
        private final Duration renewDeadline;
        private volatile Instant lastRenewalStarted;

        RenewalRecordingLock(Lock lease, Clock clock, Duration renewDeadline) {
            this.lease = lease;
            this.clock = clock;
            this.renewDeadline = renewDeadline;
        }

        Instant lastRenewalStarted() {
            return lastRenewalStarted;
        }

        @Override
        public LeaderElectionRecord get() throws ApiException {
            Instant started = clock.instant();
            try {
                return lease.get();
            } finally {
                reportIfSlow("reading", started);
            }
        }

        @Override
        public boolean create(LeaderElectionRecord record) {
            return recorded(record, lease::create);
        }

        @Override
        public boolean update(LeaderElectionRecord record) {
            return recorded(record, lease::update);
        }

        private boolean recorded(LeaderElectionRecord record, java.util.function.Predicate<LeaderElectionRecord> write) {
            Instant started = clock.instant();
            boolean written = write.test(record);
            reportIfSlow("writing", started);
            if (written && identity().equals(record.getHolderIdentity())) {
                lastRenewalStarted = started;
            }
            return written;
        }

        private void reportIfSlow(String call, Instant started) {
            Duration took = Duration.between(started, clock.instant());
            if (took.compareTo(SLOW) >= 0) {
                LOG.warning(() -> call + " the Lease " + lease.describe() + " took " + took.toMillis()
                        + " ms; a leader must renew it within " + renewDeadline.toSeconds() + " s");
            }
        }

        @Override
        public String identity() {
            return lease.identity();
        }

        @Override
        public String describe() {
            return lease.describe();
        }
    }
}
