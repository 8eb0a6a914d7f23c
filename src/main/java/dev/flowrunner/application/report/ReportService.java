package dev.flowrunner.application.report;

import dev.flowrunner.application.events.RunChange;
import dev.flowrunner.application.events.RunChanged;
import dev.flowrunner.application.events.RunsRecovered;
import dev.flowrunner.configuration.ReportSettings;
import dev.flowrunner.domain.AttemptMessagesStored;
import dev.flowrunner.domain.LateResults;
import dev.flowrunner.domain.ReportFiles;
import dev.flowrunner.domain.ReportState;
import dev.flowrunner.domain.RunRepository;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Schedules the writing of each run's report ({@link ReportAssembler}): rewritten while the run is in progress
 * (requests are coalesced, so a burst of attempts costs one build) and once more, whole, when it ends; one build per
 * run at a time, so the report's keys have a single writer.
 * <p>
 * The Cucumber parts (HTML, JUnit XML, merged messages) of a run in progress are written when someone asks for them
 * ({@link #cucumberReportWanted}), not on every change: merging every attempt's messages (tens of KB each from
 * cucumber-js) again on every change would make the server's cost of a run grow with the square of its size.
 */
@ApplicationScoped
public class ReportService {

    private static final Logger LOG = Logger.getLogger(ReportService.class.getName());

    /** A run's build slot: absent = idle; a run has at most one build scheduled or running. */
    private enum Slot { SCHEDULED, BUILDING, BUILDING_THEN_AGAIN }

    @Inject
    RunRepository runs;
    @Inject
    ReportAssembler assembler;
    @Resource
    ManagedScheduledExecutorService scheduler;
    @Inject
    ReportSettings settings;

    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    /** How long each run's last build took: a big run's report is rebuilt less often while it runs. */
    private final Map<String, Long> lastBuildMillis = new ConcurrentHashMap<>();
    /**
     * Runs that have ended and have no final report yet. A provisional build that was under way when the run ended
     * must not hold the final one back by four build-times (minutes for a run of 10,000 scenarios).
     */
    private final Set<String> ended = ConcurrentHashMap.newKeySet();
    /** The build each run has waiting, while its slot is SCHEDULED. */
    private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();
    /** Each running run's builds, one at a time: the scheduled ones and those a request for the Cucumber parts makes. */
    private final Map<String, Object> buildLocks = new ConcurrentHashMap<>();
    /** How many changes each running run has had; its Cucumber parts are current while this has not moved. */
    private final Map<String, Long> changes = new ConcurrentHashMap<>();

    void onRunChanged(@ObservesAsync RunChanged changed) {
        changes.merge(changed.runId(), 1L, Long::sum);
        if (changed.change() instanceof RunChange.RunStatusChanged status && status.endedAt() != null) {
            finalSoon(changed.runId());
        }
        requestBuild(changed.runId());
    }

    /**
     * A run that has ended gets its final report after the usual short delay: the wait of four build-times that
     * spares a big run's workers while it goes would otherwise hold the final report back by minutes.
     */
    private void finalSoon(String runId) {
        ended.add(runId);
        ScheduledFuture<?> waiting = scheduled.get(runId);
        if (waiting != null && waiting.getDelay(TimeUnit.MILLISECONDS) > gatherMillis() && waiting.cancel(false)) {
            scheduleBuild(runId);
        }
    }

    private long gatherMillis() {
        return settings.gatherDelay().toMillis();
    }

    void onLateResults(@Observes LateResults late) {
        requestBuild(late.runId());
    }

    void onMessagesStored(@Observes AttemptMessagesStored stored) {
        assembler.messagesStored(stored.runId(), stored.key(), stored.content());
    }

    /** Asks for the run's report to be rewritten soon; requests while one is pending join it. */
    public void requestBuild(String runId) {
        // From the run's first change, not its first build: the attempts that end before that build would otherwise
        // be read back from the store. The run's final build drops them.
        assembler.keepMessagesOf(runId);
        boolean[] schedule = {false};
        slots.compute(runId, (id, slot) -> {
            if (slot == null) {
                schedule[0] = true;
                return Slot.SCHEDULED;
            }
            return slot == Slot.BUILDING ? Slot.BUILDING_THEN_AGAIN : slot;
        });
        if (schedule[0]) {
            scheduleBuild(runId);
        }
    }

    /**
     * Waits at least four builds' time while the run goes: rewriting a report never takes more than a fifth of a
     * worker's time; and after the run's first report, as long as its index page waits before it reloads itself, which
     * is as often as anyone sees it. Once the run has ended, its final report waits no longer than the usual delay.
     */
    private void scheduleBuild(String runId) {
        Long last = lastBuildMillis.get(runId);
        long delay = ended.contains(runId) || last == null ? gatherMillis()
                : Math.max(Math.max(gatherMillis(), TimeUnit.SECONDS.toMillis(ReportFiles.REFRESH_SECONDS)), 4 * last);
        scheduled.put(runId, scheduler.schedule(() -> buildInSlot(runId), delay, TimeUnit.MILLISECONDS));
    }

    private void buildInSlot(String runId) {
        scheduled.remove(runId);
        slots.put(runId, Slot.BUILDING);
        long started = System.nanoTime();
        try {
            if (build(runId, false).complete()) {
                forgetRunning(runId);
            } else {
                lastBuildMillis.put(runId, (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException | LinkageError e) {
            // Kept messages are only a saving: the next request keeps them again (a deleted run's never would).
            assembler.forget(runId);
            LOG.log(Level.SEVERE, "the report of run " + runId + " could not be written; it is written again on the"
                    + " run's next change, at start-up if the run has ended, or on POST /api/runs/" + runId + "/report", e);
        } finally {
            boolean[] again = {false};
            slots.compute(runId, (id, slot) -> {
                again[0] = slot == Slot.BUILDING_THEN_AGAIN;
                return again[0] ? Slot.SCHEDULED : null;
            });
            if (again[0]) {
                scheduleBuild(runId);
            }
        }
    }

    /** Asks again for the reports of ended runs whose final report a crash prevented. */
    void completeProvisionalReports(@Observes RunsRecovered recovered) {
        List<String> pending = runs.endedWithProvisionalReport();
        if (!pending.isEmpty()) {
            LOG.info(() -> pending.size() + " ended run(s) have no final report yet; writing them");
            pending.forEach(this::requestBuild);
        }
    }

    public Optional<ReportState> state(String runId) {
        return runs.reportOf(runId);
    }

    private void forgetRunning(String runId) {
        lastBuildMillis.remove(runId);
        ended.remove(runId);
        assembler.forget(runId);
        changes.remove(runId);
        buildLocks.remove(runId);
    }

    /**
     * Someone opens a Cucumber part of the run's report: while the run goes, they are written now if the run has
     * changed since they last were — but not more often than every four of their build times, so that a page that
     * reloads itself cannot keep the server merging. An ended run's final report has them already.
     */
    public void cucumberReportWanted(String runId) {
        if (runs.reportOf(runId).map(ReportState::complete).orElse(false)) {
            return;
        }
        ReportAssembler.CucumberParts written = assembler.cucumberParts(runId).orElse(null);
        if (written != null && (written.atChange() == changes.getOrDefault(runId, 0L)
                || System.nanoTime() - written.writtenAtNanos() < TimeUnit.MILLISECONDS.toNanos(
                Math.max(gatherMillis(), 4 * written.tookMillis())))) {
            return;
        }
        assembler.keepMessagesOf(runId);
        build(runId, true);
    }

    /** Writes the run's report now; one build per run at a time. */
    ReportState build(String runId, boolean withCucumberParts) {
        synchronized (buildLocks.computeIfAbsent(runId, id -> new Object())) {
            return assembler.build(runId, withCucumberParts, changes.getOrDefault(runId, 0L));
        }
    }
}
