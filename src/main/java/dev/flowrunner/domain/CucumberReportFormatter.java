package dev.flowrunner.domain;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Turns the Cucumber messages of a run's attempts into the run's one Cucumber report (HTML, JUnit XML, messages). */
public interface CucumberReportFormatter {

    /**
     * Writes the report; scenarios are read one at a time, so a run of any size fits in memory. A scenario whose
     * messages cannot be placed in the report is left out, never allowed to break the rest.
     */
    Written write(RunInfo run, Iterable<ScenarioMessages> scenarios, Outputs outputs);

    /**
     * @param scenariosShown how many scenarios the report shows (those whose runner reported a test case)
     * @param leftOut        scenarios with test cases that the report could not show, and why
     */
    record Written(int scenariosShown, List<LeftOut> leftOut) {
    }

    record LeftOut(String scenarioKey, String reason) {
    }

    /** @param endedAt null while the run is in progress: the report then has no end */
    record RunInfo(String title, Instant startedAt, Instant endedAt, boolean passed) {
    }

    /** One scenario's attempts, oldest first; each opens that attempt's messages, empty if it left none. */
    record ScenarioMessages(String scenarioKey, List<Supplier<Optional<InputStream>>> attempts) {
    }

    record Outputs(OutputStream html, OutputStream junitXml, OutputStream messages) {
    }
}
