package dev.flowrunner.domain;

import java.time.Instant;
import java.util.Map;

/**
 * A change to runs asked of a standby replica, for the leader to carry out: the standby records it, the leader takes
 * it, does it and records how it went, and the standby answers its caller as the leader would have.
 *
 * @param target   the execution to start, or the run to stop or re-run
 * @param trigger  who asked ({@code user:<name>}), as the run records it
 * @param testData a started run's own test data
 */
public record RunCommand(String id, Kind kind, String target, String trigger, Map<String, String> testData,
                         Instant at) {

    public enum Kind { START, STOP, RERUN_FAILED }

    public RunCommand {
        testData = testData == null ? Map.of() : Map.copyOf(testData);
    }

    /**
     * How the leader carried a command out.
     *
     * @param runId   the run started, stopped or re-run; null when it was refused
     * @param refusal why it was refused, or null
     * @param message the refusal's explanation, as the leader would have answered it
     */
    public record Outcome(String runId, Refusal refusal, String message) {

        public enum Refusal { NOT_FOUND, CONFLICT, NOT_READY, FAILED }

        public static Outcome done(String runId) {
            return new Outcome(runId, null, null);
        }

        public static Outcome refused(Refusal refusal, String message) {
            return new Outcome(null, refusal, message);
        }
    }
}
