package dev.flowrunner.application.report;

import dev.flowrunner.application.NotFoundException;
import dev.flowrunner.application.RunChange;
import dev.flowrunner.application.RunChanged;
import dev.flowrunner.application.RunReader;
import dev.flowrunner.application.RunTrees;
import dev.flowrunner.application.RunView;
import dev.flowrunner.application.RunsRecovered;
import dev.flowrunner.application.history.ScenarioHistoryService;
import dev.flowrunner.configuration.ReportSettings;
import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptMessagesStored;
import dev.flowrunner.domain.AttemptRepository;
import dev.flowrunner.domain.CucumberReportFormatter.LeftOut;
import dev.flowrunner.domain.CucumberReportFormatter.Outputs;
import dev.flowrunner.domain.CucumberReportFormatter.RunInfo;
import dev.flowrunner.domain.CucumberReportFormatter.ScenarioMessages;
import dev.flowrunner.domain.CucumberReportFormatter.Written;
import dev.flowrunner.domain.CucumberReportFormatter;
import dev.flowrunner.domain.LateResults;
import dev.flowrunner.domain.ReportState;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunRepository;
import dev.flowrunner.domain.RunStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Writes each run's report to the artifact store: the official Cucumber HTML report and JUnit XML over all attempts,
 * the merged Cucumber messages, a summary (the run tree as JSON) and the index page. A run's index and summary are
 * rewritten while the run is in progress (requests are coalesced, so a burst of attempts costs one build) and the
 * whole report once more when it ends; only one build per run runs at a time, so the report's keys have a single
 * writer.
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
    RunReader runReader;
    @Inject
    AttemptRepository attempts;
    @Inject
    ArtifactStore store;
    @Inject
    CucumberReportFormatter formatter;
    @Inject
    ScenarioHistoryService history;
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
    private final Jsonb jsonb = JsonbBuilder.create();
    /** Up to 32 MB of ended attempts' messages, so that a running run's builds read each from the store once. */
    private final EndedAttemptMessages endedMessages = new EndedAttemptMessages(32L * 1024 * 1024);
    /** Each running run's builds, one at a time: the scheduled ones and those a request for the Cucumber parts makes. */
    private final Map<String, Object> buildLocks = new ConcurrentHashMap<>();
    /** How many changes each running run has had; its Cucumber parts are current while this has not moved. */
    private final Map<String, Long> changes = new ConcurrentHashMap<>();
    /** The Cucumber parts written for each running run: at which change, when and how long they took. */
    private final Map<String, CucumberParts> cucumberParts = new ConcurrentHashMap<>();

    private record CucumberParts(long atChange, long writtenAtNanos, long tookMillis, Written written) {
    }

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
        endedMessages.offer(stored.runId(), stored.key(), stored.file());
    }

    /** Asks for the run's report to be rewritten soon; requests while one is pending join it. */
    public void requestBuild(String runId) {
        // From the run's first change, not its first build: the attempts that end before that build would otherwise
        // be read back from the store. The run's final build drops them.
        endedMessages.track(runId);
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
                : Math.max(Math.max(gatherMillis(), TimeUnit.SECONDS.toMillis(IndexPage.REFRESH_SECONDS)), 4 * last);
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
            endedMessages.drop(runId);
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

    /**
     * Where each report file can be downloaded: a direct, time-limited link from the store when so configured and
     * the store has them (S3 presigned URLs), else through Flowrunner.
     *
     * @param throughFlowrunner the streaming URL of a key relative to the run's prefix
     */
    public Map<String, URI> links(String runId, Function<String, URI> throughFlowrunner) {
        var links = new LinkedHashMap<String, URI>();
        boolean complete = runs.reportOf(runId).map(ReportState::complete).orElse(false);
        for (String file : ReportFiles.ALL) {
            String relative = "report/" + file;
            // A running run's Cucumber parts are written when opened through Flowrunner.
            boolean throughFlowrunnerOnly = !complete && ReportFiles.CUCUMBER_PARTS.contains(file);
            Optional<URI> direct = settings.directLinks() && !throughFlowrunnerOnly
                    ? store.link(ReportFiles.runPrefix(runId) + relative, settings.linkLifetime())
                    : Optional.empty();
            links.put(file, direct.orElseGet(() -> throughFlowrunner.apply(relative)));
        }
        return links;
    }

    private void forgetRunning(String runId) {
        lastBuildMillis.remove(runId);
        ended.remove(runId);
        endedMessages.drop(runId);
        changes.remove(runId);
        cucumberParts.remove(runId);
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
        CucumberParts written = cucumberParts.get(runId);
        if (written != null && (written.atChange() == changes.getOrDefault(runId, 0L)
                || System.nanoTime() - written.writtenAtNanos() < TimeUnit.MILLISECONDS.toNanos(
                Math.max(gatherMillis(), 4 * written.tookMillis())))) {
            return;
        }
        endedMessages.track(runId);
        build(runId, true);
    }

    /**
     * Writes the run's report as it stands now: all of it once the run has ended, else its index and summary, and its
     * Cucumber parts when asked for. One build per run at a time.
     */
    ReportState build(String runId, boolean withCucumberParts) {
        synchronized (buildLocks.computeIfAbsent(runId, id -> new Object())) {
            return buildNow(runId, withCucumberParts);
        }
    }

    private ReportState buildNow(String runId, boolean withCucumberParts) {
        // Through the reader: a run's report is rebuilt many times while it goes, its frozen plan need be read once.
        Run run = runReader.find(runId).orElseThrow(() -> new NotFoundException("run", runId));
        List<Attempt> all = attempts.listByRun(runId);
        boolean complete = run.status().isFinal();
        Instant builtAt = Instant.now();
        // History first: the final report flags the scenarios its own run showed to be flaky.
        history.recordRun(run, all);
        RunView tree = RunTrees.tree(run, all, key -> Optional.empty(),
                history.flags(run.projectId(), RunTrees.scenarioKeys(run)));
        Path dir = null;
        try {
            dir = Files.createTempDirectory("flowrunner-report-");
            // Null while the run's Cucumber parts have not been written yet.
            Written written = complete || withCucumberParts ? writeCucumberParts(run, all, complete, dir)
                    : Optional.ofNullable(cucumberParts.get(runId)).map(CucumberParts::written).orElse(null);
            List<LeftOut> leftOut = written == null ? List.of() : written.leftOut();
            var summary = new ReportSummary(runId, complete, builtAt,
                    written == null ? null : written.scenariosShown(), leftOut, tree);
            store.put(ReportFiles.key(runId, ReportFiles.SUMMARY_JSON),
                    jsonb.toJson(summary).getBytes(StandardCharsets.UTF_8), contentType(ReportFiles.SUMMARY_JSON));
            // The index goes last: when it links a file, that file is there.
            String index = IndexPage.render(tree, complete, builtAt, filesByAttempt(runId), leftOut);
            store.put(ReportFiles.key(runId, ReportFiles.INDEX), index.getBytes(StandardCharsets.UTF_8),
                    contentType(ReportFiles.INDEX));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report of run " + runId, e);
        } finally {
            deleteQuietly(dir);
        }
        var state = new ReportState(builtAt, complete);
        runs.recordReport(runId, run.round(), state);
        LOG.fine(() -> "wrote the " + (complete ? "final" : "provisional") + " report of run " + runId);
        return state;
    }

    private Written writeCucumberParts(Run run, List<Attempt> all, boolean complete, Path dir) throws IOException {
        long started = System.nanoTime();
        long atChange = changes.getOrDefault(run.id(), 0L);
        Written written = writeCucumberReport(run, all, complete, dir);
        for (String file : ReportFiles.CUCUMBER_PARTS) {
            store.put(ReportFiles.key(run.id(), file), dir.resolve(file), contentType(file));
        }
        if (!complete) {
            cucumberParts.put(run.id(), new CucumberParts(atChange, started,
                    (System.nanoTime() - started) / 1_000_000, written));
        }
        return written;
    }

    private Written writeCucumberReport(Run run, List<Attempt> all, boolean complete, Path dir) throws IOException {
        var info = new RunInfo(run.plan().executionName() + " — run " + run.id(), run.createdAt(),
                complete ? Optional.ofNullable(run.endedAt()).orElse(Instant.now()) : null,
                run.status() == RunStatus.PASSED);
        try (OutputStream html = Files.newOutputStream(dir.resolve(ReportFiles.CUCUMBER_HTML));
             OutputStream junit = Files.newOutputStream(dir.resolve(ReportFiles.JUNIT_XML));
             OutputStream messages = Files.newOutputStream(dir.resolve(ReportFiles.MESSAGES))) {
            return formatter.write(info, scenarioMessages(run, all), new Outputs(html, junit, messages));
        }
    }

    /** The scenarios in plan order (flow, group, scenario), each with its attempts' messages, oldest first. */
    private List<ScenarioMessages> scenarioMessages(Run run, List<Attempt> all) {
        Map<String, List<Attempt>> byScenario = all.stream().collect(Collectors.groupingBy(a -> a.key().scenarioKey()));
        return run.plan().flows().stream().flatMap(f -> f.groups().stream()).flatMap(g -> g.scenarios().stream())
                .filter(s -> byScenario.containsKey(s.key()))
                .map(s -> new ScenarioMessages(s.key(), byScenario.get(s.key()).stream()
                        .sorted(Comparator.comparingInt(a -> a.key().number()))
                        .map(this::messagesOf).toList()))
                .toList();
    }

    /**
     * An attempt that is still queued or running has no messages in the store yet (its worker's results are stored
     * once it ends), so the store is not asked: a provisional build of a big run would ask once per running attempt.
     */
    private Supplier<Optional<InputStream>> messagesOf(Attempt attempt) {
        if (!attempt.status().isFinal()) {
            return Optional::empty;
        }
        String key = attempt.key().artifactPrefix() + "/" + ReportFiles.MESSAGES;
        return () -> endedMessages.open(attempt.key().runId(), key, () -> store.open(key));
    }

    /**
     * Each attempt's stored files, by the attempt's prefix relative to the run's; and each batch's (its runner's
     * logs), by its folder's.
     */
    private Map<String, List<String>> filesByAttempt(String runId) {
        String runPrefix = ReportFiles.runPrefix(runId);
        return store.list(runPrefix).stream().map(k -> k.substring(runPrefix.length()))
                .filter(k -> k.contains("/attempt-") || k.contains(BATCH_FOLDER))
                .collect(Collectors.groupingBy(k -> k.substring(0, folderEnd(k)),
                        Collectors.mapping(k -> k.substring(folderEnd(k) + 1), Collectors.toList())));
    }

    private static final String BATCH_FOLDER = "/" + AttemptKey.BATCHES + "/";

    /** Where the attempt's or batch's folder name ends in a stored file's path. */
    private static int folderEnd(String path) {
        int named = path.contains("/attempt-") ? path.indexOf("/attempt-") + 1
                : path.indexOf(BATCH_FOLDER) + BATCH_FOLDER.length();
        return path.indexOf('/', named);
    }

    static String contentType(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=UTF-8";
        }
        if (file.endsWith(".xml")) {
            return "application/xml";
        }
        if (file.endsWith(".json")) {
            return "application/json";
        }
        return file.endsWith(".ndjson") ? "application/x-ndjson" : "application/octet-stream";
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not remove " + dir, e);
        }
    }

    /**
     * The report's summary.json: the run tree with statuses, durations, attempts, workers and flaky flags, and the
     * scenarios the Cucumber report could not show.
     *
     * @param scenariosInCucumberReport null while a running run's Cucumber parts have not been written
     */
    public record ReportSummary(String runId, boolean complete, Instant builtAt, Integer scenariosInCucumberReport,
                                List<LeftOut> leftOutOfCucumberReport, RunView run) {
    }
}
