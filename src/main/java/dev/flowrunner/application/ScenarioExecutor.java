package dev.flowrunner.application;

import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptRepository;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.Run;
import dev.flowrunner.domain.RunRepository;
import dev.flowrunner.domain.RunStatus;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.ScenarioResult;
import dev.flowrunner.domain.ScenarioResultReader;
import dev.flowrunner.domain.Worker;
import dev.flowrunner.domain.WorkerExit;
import dev.flowrunner.domain.WorkerLauncher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.logging.Logger;

/**
 * Runs one scenario of a run to its final status: launches attempts until one passes or the retry budget is
 * spent, recording every attempt before moving on.
 */
@ApplicationScoped
public class ScenarioExecutor {

    private static final Logger LOG = Logger.getLogger(ScenarioExecutor.class.getName());

    @Inject
    RunRepository runs;
    @Inject
    AttemptRepository attempts;
    @Inject
    WorkerLauncher launcher;
    @Inject
    ScenarioResultReader results;
    @Inject
    RunningWorkers running;

    public AttemptStatus execute(String runId, String flowKey, String groupKey, String scenarioKey)
            throws InterruptedException {
        Run run = runs.find(runId).orElseThrow(() -> new NoSuchElementException("run " + runId));
        Scenario scenario = run.plan().scenario(flowKey, groupKey, scenarioKey).orElseThrow(
                () -> new NoSuchElementException("scenario " + scenarioKey + " in run " + runId));
        List<Attempt> history = attempts.listByScenario(runId, scenarioKey).stream()
                .sorted(Comparator.comparingInt(a -> a.key().number())).toList();
        if (!history.isEmpty() && history.get(history.size() - 1).status().isSuccess()) {
            return history.get(history.size() - 1).status();
        }

        int failures = (int) history.stream().filter(a -> a.status().isRetryable()).count();
        var key = new AttemptKey(runId, flowKey, groupKey, scenarioKey, history.size() + 1);
        Duration timeout = Duration.ofSeconds(run.plan().policy().scenarioTimeoutSeconds());
        while (true) {
            if (stopRequested(runId)) {
                return AttemptStatus.CANCELLED;
            }
            Attempt attempt = runAttempt(run, scenario, key, timeout, failures > 0);
            if (!attempt.status().isRetryable() || ++failures >= run.plan().policy().maxAttempts()) {
                return attempt.status();
            }
            AttemptKey failed = key;
            LOG.info(() -> "retrying " + describe(failed) + " after " + attempt.status());
            key = key.next();
        }
    }

    private Attempt runAttempt(Run run, Scenario scenario, AttemptKey key, Duration timeout, boolean failedBefore)
            throws InterruptedException {
        Worker worker;
        try {
            worker = launcher.launch(WorkerSpecs.forAttempt(run.plan(), scenario, key));
        } catch (RuntimeException e) {
            // Recorded, not thrown: the user must see why the scenario never ran (a missing working directory, say).
            Instant now = Instant.now();
            Attempt failed = new Attempt(key, AttemptStatus.FAILED, null, now, now, null, null,
                    "the worker could not be started: " + e.getMessage(), null);
            attempts.upsert(failed);
            LOG.warning(() -> describe(key) + ": " + failed.errorMessage());
            return failed;
        }
        running.add(worker);
        try {
            Attempt started = Attempt.started(key, worker.id(), Instant.now(), worker.logDirectory());
            attempts.upsert(started);
            LOG.info(() -> "started " + describe(key) + " on worker " + worker.id());
            WorkerExit exit = launcher.await(worker, timeout);
            ScenarioResult result = exit.kind() == WorkerExit.Kind.VANISHED
                    ? ScenarioResult.NOT_REPORTED : results.read(worker.logDirectory());
            Attempt finished = AttemptJudge.judge(started, exit, result, failedBefore, Instant.now());
            attempts.upsert(finished);
            LOG.info(() -> "finished " + describe(key) + ": " + finished.status());
            return finished;
        } finally {
            running.remove(worker);
        }
    }

    private boolean stopRequested(String runId) {
        return runs.find(runId).map(r -> r.status() != RunStatus.RUNNING).orElse(true);
    }

    static String describe(AttemptKey key) {
        return "run " + key.runId() + " flow " + key.flowKey() + " group " + key.groupKey() + " scenario "
                + key.scenarioKey() + " attempt " + key.number();
    }
}
