package dev.flowrunner.incontainer;

import dev.flowrunner.application.events.RunChange.FlowChanged;
import dev.flowrunner.application.events.RunChanged;
import dev.flowrunner.application.events.RunEvents;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.FlowStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CDI's asynchronous events as Liberty delivers them: what the run logic announces reaches every observer, off the
 * announcing thread, numbered in the run's order.
 */
@ExtendWith(ArquillianExtension.class)
class RunEventsArquillianIT {

    @Deployment
    static WebArchive deployment() {
        return InContainer.application(RunEventsArquillianIT.class, HeardChanges.class);
    }

    /** Read through methods: the test holds a client proxy, whose own fields are not the bean's. */
    @ApplicationScoped
    public static class HeardChanges {

        private final List<RunChanged> heard = new CopyOnWriteArrayList<>();
        private final List<String> threads = new CopyOnWriteArrayList<>();
        private final CountDownLatch three = new CountDownLatch(3);

        void hear(@ObservesAsync RunChanged changed) {
            if (changed.runId().equals("events-in-container")) {
                heard.add(changed);
                threads.add(Thread.currentThread().getName());
                three.countDown();
            }
        }

        public boolean heardThreeWithin(long seconds) throws InterruptedException {
            return three.await(seconds, TimeUnit.SECONDS);
        }

        public List<RunChanged> heard() {
            return List.copyOf(heard);
        }

        public List<String> threads() {
            return List.copyOf(threads);
        }
    }

    @Inject
    RunEvents events;
    @Inject
    HeardChanges observer;

    @Test
    void announcedChangesReachTheirObserverAsynchronouslyInTheRunsOrder() throws InterruptedException {
        for (FlowStatus status : List.of(FlowStatus.PENDING, FlowStatus.RUNNING, FlowStatus.PASSED)) {
            events.flowChanged("events-in-container", new FlowState("main", status, null, null, null));
        }

        assertTrue(observer.heardThreeWithin(10), "heard: " + observer.heard());
        List<RunChanged> inOrder = observer.heard().stream().sorted(Comparator.comparingLong(RunChanged::sequence))
                .toList();
        long first = inOrder.get(0).sequence();
        assertEquals(List.of(first, first + 1, first + 2), inOrder.stream().map(RunChanged::sequence).toList());
        assertEquals(List.of(FlowStatus.PENDING, FlowStatus.RUNNING, FlowStatus.PASSED), inOrder.stream()
                .map(c -> ((FlowChanged) c.change()).flow().status()).toList());
        assertTrue(observer.threads().stream().noneMatch(t -> t.equals(Thread.currentThread().getName())),
                "observed off the announcing thread: " + observer.threads());
    }
}
