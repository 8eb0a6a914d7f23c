package dev.flowrunner.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A batch's runner followed while it runs: its one stream of Cucumber messages, told apart scenario by scenario, so
 * that each scenario's attempt is judged and recorded the moment its test case finishes. Each scenario's own stream
 * is stored in its attempt's folder on the way.
 */
public interface BatchProgress {

    /** A scenario of the batch, with the attempt it runs as. */
    record Member(AttemptKey attempt, Scenario scenario) {
    }

    /**
     * A scenario all of whose test cases have finished.
     *
     * @param startedAt when its first test case started, as its runner wrote it
     * @param endedAt   when its last test case finished, likewise
     */
    record TestCaseEnd(AttemptKey attempt, ScenarioResult result, Instant startedAt, Instant endedAt) {
    }

    /** The scenarios that finished since the last look. */
    List<TestCaseEnd> poll();

    /** The worker has ended: the scenarios that finished in what it wrote last. */
    List<TestCaseEnd> finish();

    /** The scenarios a test case of which runs now, with when it started. */
    Map<String, Instant> running();

    /** The scenarios at least one of whose test cases has started, finished or not. */
    Set<String> started();

    /** When the batch's first test case started: the end of the worker's start. */
    Optional<Instant> firstTestCaseStarted();

    /** The last lines the runner wrote to its stderr, for a runner that ended without running anything. */
    String lastErrorLines();
}
