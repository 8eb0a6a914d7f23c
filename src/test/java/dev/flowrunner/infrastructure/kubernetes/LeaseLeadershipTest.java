package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.infrastructure.kubernetes.LeaseLeadership.LeaseTimings;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.kubernetes.client.extended.leaderelection.LeaderElectionRecord;
import io.kubernetes.client.extended.leaderelection.Lock;
import io.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.util.ClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two replicas elect their leader through a Lease in the fake API server, with client-java's leader election: one
 * leads, the other waits; the leader cut off from the API server stops leading by its renewal deadline and ends, the
 * other takes the Lease once it has gone unrenewed for the lease duration, and at no moment do both lead.
 */
class LeaseLeadershipTest {

    private static final String NAMESPACE = "flowrunner-test";
    private static final LeaseTimings QUICK = new LeaseTimings(Duration.ofSeconds(3), Duration.ofSeconds(2),
            Duration.ofMillis(500));
    private static KubernetesMockServer apiServer;
    private static WatchProxy proxy;
    private final List<LeaseLeadership> replicas = new ArrayList<>();

    @BeforeAll
    static void startApiServer() throws java.io.IOException {
        apiServer = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        apiServer.init();
        proxy = new WatchProxy(apiServer.url("/"));
    }

    @AfterAll
    static void stopApiServer() {
        proxy.close();
        apiServer.destroy();
    }

    @AfterEach
    void leave() {
        replicas.forEach(LeaseLeadership::close);
    }

    @Test
    void oneReplicaLeadsAndTheOtherTakesOverOnlyOnceTheCutOffLeaderHasStoppedLeading() throws Exception {
        var cutOff = new CuttableLock(lease("lead-a", "replica-a"));
        var aLost = new AtomicInteger();
        var aLeads = new CountDownLatch(1);
        LeaseLeadership a = replica(cutOff, aLost::incrementAndGet);
        a.join(aLeads::countDown);
        assertTrue(aLeads.await(10, TimeUnit.SECONDS), "the first replica takes the free Lease");
        assertTrue(a.leads());

        var bLeads = new CountDownLatch(1);
        LeaseLeadership b = replica(lease("lead-a", "replica-b"), () -> { });
        b.join(bLeads::countDown);
        var bothLed = new AtomicBoolean();
        Thread watcher = watch(a, b, bothLed);
        assertFalse(bLeads.await(QUICK.leaseDuration().toMillis() * 2, TimeUnit.MILLISECONDS),
                "a renewed Lease is not taken");
        assertEquals(Optional.of("replica-a"), b.leader());
        assertFalse(b.leads());

        cutOff.cut();
        await().atMost(QUICK.renewDeadline().plusSeconds(1)).until(() -> !a.leads());
        assertTrue(bLeads.await(10, TimeUnit.SECONDS), "the other replica takes the unrenewed Lease");
        assertTrue(b.leads());
        await().atMost(Duration.ofSeconds(5)).until(() -> aLost.get() == 1);
        watcher.interrupt();
        watcher.join();
        assertFalse(bothLed.get(), "both replicas led at the same moment");
        assertEquals(Optional.of("replica-b"), b.leader());
    }

    @Test
    void aLeaderPausedPastItsRenewalDeadlineDoesNotLeadTheMomentItWakes() throws Exception {
        var clock = new MovableClock();
        var leads = new CountDownLatch(1);
        var paused = new CuttableLock(lease("lead-b", "replica-a"));
        LeaseLeadership a = new LeaseLeadership(paused, QUICK, () -> { }, clock);
        replicas.add(a);
        a.join(leads::countDown);
        assertTrue(leads.await(10, TimeUnit.SECONDS));
        assertTrue(a.leads());

        // What a process stopped (SIGSTOP) and continued sees: nothing renewed meanwhile, its clock has jumped past
        // the deadline, and its election thread has not run yet.
        paused.cut();
        Thread.sleep(QUICK.retryPeriod().toMillis() * 2);
        clock.jump(QUICK.renewDeadline());

        assertFalse(a.leads(), "no launch may follow, whatever the election thread has yet to notice");
    }

    private LeaseLeadership replica(Lock lock, Runnable onLost) {
        var replica = new LeaseLeadership(lock, QUICK, onLost, Clock.systemUTC());
        replicas.add(replica);
        return replica;
    }

    private static Lock lease(String name, String identity) {
        return new LeaseLock(NAMESPACE, name, identity, client());
    }

    private static ApiClient client() {
        return new ClientBuilder().setBasePath(proxy.url()).build();
    }

    private static Thread watch(LeaseLeadership a, LeaseLeadership b, AtomicBoolean bothLed) {
        Thread thread = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (a.leads() && b.leads()) {
                    bothLed.set(true);
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "both-lead-watcher");
        thread.start();
        return thread;
    }

    /** The Lease as a replica sees it when the API server no longer answers it: every call hangs. */
    private static final class CuttableLock implements Lock {

        private final Lock lease;
        private final CountDownLatch never = new CountDownLatch(1);
        private volatile boolean cut;

        CuttableLock(Lock lease) {
            this.lease = lease;
        }

        void cut() {
            cut = true;
        }

        private void hangIfCut() {
            if (cut) {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public LeaderElectionRecord get() throws ApiException {
            hangIfCut();
            if (cut) {
                throw new ApiException("the API server did not answer");
            }
            return lease.get();
        }

        @Override
        public boolean create(LeaderElectionRecord record) {
            hangIfCut();
            return !cut && lease.create(record);
        }

        @Override
        public boolean update(LeaderElectionRecord record) {
            hangIfCut();
            return !cut && lease.update(record);
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

    /** A clock a test moves on. */
    private static final class MovableClock extends Clock {

        private volatile Duration ahead = Duration.ZERO;

        void jump(Duration by) {
            ahead = ahead.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return Clock.systemUTC().instant().plus(ahead);
        }
    }
}
