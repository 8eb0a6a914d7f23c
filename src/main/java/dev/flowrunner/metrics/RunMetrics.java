package dev.flowrunner.metrics;

import dev.flowrunner.application.events.RecoveryStep;
import dev.flowrunner.application.events.RunChange.AttemptChanged;
import dev.flowrunner.application.events.RunChange.AttemptEvent;
import dev.flowrunner.application.events.RunChange.RunStatusChanged;
import dev.flowrunner.application.events.RunChanged;
import dev.flowrunner.application.events.WorkersSwept;
import dev.flowrunner.application.execution.WorkerSlots;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.RunRepository;
import dev.flowrunner.domain.RunStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Flowrunner's figures for Prometheus ({@code /metrics}, MicroProfile Metrics): runs active and finished by status,
 * attempts finished by status, worker starts, the queue of attempts waiting for a worker slot, attempt durations
 * (a histogram: buckets in microprofile-config.properties), crash recovery's repairs and the workers swept as left
 * behind. Counted from the run
 * events every change already fires, so no code path has to remember to count.
 */
@ApplicationScoped
public class RunMetrics {

    static final String RUNS_ACTIVE = "flowrunner.runs.active";
    static final String RUNS_FINISHED = "flowrunner.runs.finished";
    static final String ATTEMPTS_FINISHED = "flowrunner.attempts.finished";
    static final String ATTEMPT_DURATION = "flowrunner.attempt.duration";
    static final String WORKER_STARTS = "flowrunner.worker.starts";
    static final String WORKERS_QUEUED = "flowrunner.workers.queued";
    static final String WORKERS_IN_USE = "flowrunner.workers.in.use";
    static final String RECOVERY_STEPS = "flowrunner.recovery.steps";
    static final String ATTEMPTS_RESUMED = "flowrunner.attempts.resumed";
    static final String WORKERS_SWEPT = "flowrunner.workers.swept";
    /**
     * How old the active-run counts may be: each is a query on the runs, and a scraper asking often must not make
     * the server count runs all the time. Prometheus scrapes every 15 s or so.
     */
    static final Duration ACTIVE_RUNS_MAX_AGE = Duration.ofSeconds(5);

    @Inject
    MetricRegistry registry;
    @Inject
    WorkerSlots slots;
    @Inject
    RunRepository runs;

    /** Held here: a gauge may keep only a weak reference to the object it reads. */
    private final List<RecentValue> activeRunCounts = new CopyOnWriteArrayList<>();
    /**
     * The counters, each looked up in the registry once: a look-up builds the metric's ID and searches the registry
     * for it, which costs more than the counting.
     */
    private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();
    private volatile Timer attemptDuration;

    private record CounterKey(String name, String status) {
    }

    void registerGauges(@Observes @Initialized(ApplicationScoped.class) Object started) {
        for (RunStatus status : List.of(RunStatus.RUNNING, RunStatus.STOPPING)) {
            var count = new RecentValue(() -> runs.countByStatus(status), ACTIVE_RUNS_MAX_AGE);
            activeRunCounts.add(count);
            registry.gauge(RUNS_ACTIVE, count, RecentValue::get, new Tag("status", status.name()));
        }
        registry.gauge(WORKERS_QUEUED, slots, WorkerSlots::queued);
        registry.gauge(WORKERS_IN_USE, slots, WorkerSlots::inUse);
    }

    void count(@ObservesAsync RunChanged changed) {
        if (changed.change() instanceof RunStatusChanged run && run.endedAt() != null) {
            counter(RUNS_FINISHED, run.status()).inc();
        } else if (changed.change() instanceof AttemptChanged attempt) {
            count(attempt.event(), attempt.attempt());
        }
    }

    private void count(AttemptEvent event, Attempt attempt) {
        switch (event) {
            case STARTED, RETRIED -> counter(WORKER_STARTS, null).inc();
            case RESUMED -> counter(ATTEMPTS_RESUMED, null).inc();
            case FINISHED, INTERRUPTED -> {
                if (attempt.status().isFinal()) {
                    counter(ATTEMPTS_FINISHED, attempt.status().name()).inc();
                    if (attempt.startedAt() != null && attempt.endedAt() != null) {
                        attemptDuration().update(Duration.between(attempt.startedAt(), attempt.endedAt()));
                    }
                }
            }
            default -> {
                // QUEUED changes no figure: the queue is a gauge read from the slots.
            }
        }
    }

    void count(@Observes RecoveryStep step) {
        registry.counter(RECOVERY_STEPS, new Tag("kind", step.kind().name())).inc();
    }

    void count(@Observes WorkersSwept sweep) {
        counter(WORKERS_SWEPT, null).inc(sweep.removed());
    }

    /** @param status the value of the counter's {@code status} tag; null for a counter without tags */
    private Counter counter(String name, String status) {
        return counters.computeIfAbsent(new CounterKey(name, status), key -> key.status() == null
                ? registry.counter(key.name()) : registry.counter(key.name(), new Tag("status", key.status())));
    }

    private Timer attemptDuration() {
        Timer timer = attemptDuration;
        if (timer == null) {
            timer = registry.timer(ATTEMPT_DURATION);
            attemptDuration = timer;
        }
        return timer;
    }
}
