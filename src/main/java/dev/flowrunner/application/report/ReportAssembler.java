package dev.flowrunner.application.report;

import dev.flowrunner.application.RunTrees;
import dev.flowrunner.application.errors.NotFoundException;
import dev.flowrunner.application.execution.RunReader;
import dev.flowrunner.application.history.ScenarioHistoryService;
import dev.flowrunner.domain.ArtifactStore;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptRepository;
import dev.flowrunner.domain.CucumberReportFormatter.RunInfo;
import dev.flowrunner.domain.CucumberReportFormatter.ScenarioMessages;
import dev.flowrunner.domain.CucumberReportFormatter.Written;
import dev.flowrunner.domain.ReportFiles;
import dev.flowrunner.domain.ReportState;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunReportWriter;
import dev.flowrunner.domain.RunRepository;
import dev.flowrunner.domain.RunStatus;
import dev.flowrunner.domain.RunView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.InputStream;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * What a run's report shows, gathered for the {@link RunReportWriter}: the run's tree with its scenarios' history
 * flags, and each scenario's attempts' messages in plan order. Keeps, for each running run, the Cucumber parts last
 * written (at which change, when, how long they took), so that a provisional build without them still names what
 * they left out, and ended attempts' messages, so that a running run's builds read each from the store once.
 */
@ApplicationScoped
public class ReportAssembler {

    private static final Logger LOG = Logger.getLogger(ReportAssembler.class.getName());

    @Inject
    RunRepository runs;
    @Inject
    RunReader runReader;
    @Inject
    AttemptRepository attempts;
    @Inject
    ArtifactStore store;
    @Inject
    ScenarioHistoryService history;
    @Inject
    RunReportWriter writer;

    /** Up to 32 MB of ended attempts' messages. */
    private final EndedAttemptMessages endedMessages = new EndedAttemptMessages(32L * 1024 * 1024);
    private final Map<String, CucumberParts> cucumberParts = new ConcurrentHashMap<>();

    /** A running run's Cucumber parts as last written: at which of its changes, when, and how long that took. */
    record CucumberParts(long atChange, long writtenAtNanos, long tookMillis, Written written) {
    }

    /**
     * Writes the run's report as it stands now: all of it once the run has ended, else its overview, and its Cucumber
     * parts when asked for. The caller runs one build per run at a time.
     *
     * @param atChange how many changes the run has had, which the Cucumber parts written now are current for
     */
    ReportState build(String runId, boolean withCucumberParts, long atChange) {
        // Through the reader: a run's report is rebuilt many times while it goes, its frozen plan need be read once.
        Run run = runReader.find(runId).orElseThrow(() -> new NotFoundException("run", runId));
        List<Attempt> all = attempts.listByRun(runId);
        boolean complete = run.status().isFinal();
        Instant builtAt = Instant.now();
        RunView tree = RunTrees.tree(run, all, key -> Optional.empty(),
                history.flags(run.projectId(), RunTrees.scenarioKeys(run)));
        Optional<Written> written = complete || withCucumberParts
                ? Optional.of(writeCucumberParts(run, all, complete, atChange))
                : Optional.ofNullable(cucumberParts.get(runId)).map(CucumberParts::written);
        writer.writeOverview(tree, complete, builtAt, written);
        var state = new ReportState(builtAt, complete);
        runs.recordReport(runId, run.round(), state);
        LOG.fine(() -> "wrote the " + (complete ? "final" : "provisional") + " report of run " + runId);
        return state;
    }

    Optional<CucumberParts> cucumberParts(String runId) {
        return Optional.ofNullable(cucumberParts.get(runId));
    }

    /** Keeps the messages of the run's attempts as they are stored, from the run's first change to its final build. */
    void keepMessagesOf(String runId) {
        endedMessages.track(runId);
    }

    void messagesStored(String runId, String key, byte[] content) {
        endedMessages.offer(runId, key, content);
    }

    /** The run's final report is written, or its build failed: what was kept for it goes. */
    void forget(String runId) {
        endedMessages.drop(runId);
        cucumberParts.remove(runId);
    }

    private Written writeCucumberParts(Run run, List<Attempt> all, boolean complete, long atChange) {
        long started = System.nanoTime();
        var info = new RunInfo(run.plan().executionName() + " — run " + run.id(), run.createdAt(),
                complete ? Optional.ofNullable(run.endedAt()).orElse(Instant.now()) : null,
                run.status() == RunStatus.PASSED);
        Written written = writer.writeCucumberParts(run.id(), info, scenarioMessages(run, all));
        if (!complete) {
            cucumberParts.put(run.id(), new CucumberParts(atChange, started,
                    (System.nanoTime() - started) / 1_000_000, written));
        }
        return written;
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
}
