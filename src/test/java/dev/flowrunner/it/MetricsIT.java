package dev.flowrunner.it;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.flowrunner.it.FlowrunnerClient.IT_SERVER;
import static dev.flowrunner.it.Plans.flow;
import static dev.flowrunner.it.Plans.group;
import static dev.flowrunner.it.Plans.scenario;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Prometheus scrapes /metrics without signing in, and the figures move with the runs. */
class MetricsIT {

    private final FlowrunnerClient admin = new FlowrunnerClient(IT_SERVER);
    private final FlowrunnerClient prometheus = admin.as(null);

    @Test
    void aRunMovesTheRunAttemptWorkerAndDurationFigures() {
        String before = scrape();
        String project = admin.createFixtureProject("metrics");
        String run = admin.startRun(admin.createExecution(project, Plans.single("metrics", flow("f", group("g", 2,
                scenario("ok", "sleep=1"), scenario("ko", "fail"))))));
        admin.awaitRunEnd(run, Duration.ofSeconds(60));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String after = scrape();
            assertEquals(1.0, value(after, "flowrunner_runs_finished_total", "status=\"FAILED\"")
                    - value(before, "flowrunner_runs_finished_total", "status=\"FAILED\""), 0.0);
            assertEquals(1.0, value(after, "flowrunner_attempts_finished_total", "status=\"PASSED\"")
                    - value(before, "flowrunner_attempts_finished_total", "status=\"PASSED\""), 0.0);
            assertEquals(1.0, value(after, "flowrunner_attempts_finished_total", "status=\"FAILED\"")
                    - value(before, "flowrunner_attempts_finished_total", "status=\"FAILED\""), 0.0);
            assertEquals(2.0, value(after, "flowrunner_worker_starts_total", "")
                    - value(before, "flowrunner_worker_starts_total", ""), 0.0);
            assertEquals(2.0, value(after, "flowrunner_attempt_duration_seconds_count", "")
                    - value(before, "flowrunner_attempt_duration_seconds_count", ""), 0.0);
        });
        String figures = scrape();
        for (String name : List.of("flowrunner_attempt_duration_seconds_bucket", "flowrunner_workers_queued",
                "flowrunner_workers_in_use", "flowrunner_runs_active")) {
            assertTrue(figures.contains(name), name + " missing from:\n" + figures);
        }
        assertTrue(figures.contains("le=\"5.0\""), "the duration histogram has its configured buckets");
    }

    private String scrape() {
        var answer = prometheus.get("/metrics");
        assertEquals(200, answer.status(), answer.body());
        return answer.body();
    }

    /** The value of the first sample of {@code name} whose labels contain {@code label}; 0 when there is none. */
    private static double value(String figures, String name, String label) {
        Matcher sample = Pattern.compile("(?m)^" + name + "\\{([^}]*)}\\s+(\\S+)").matcher(figures);
        while (sample.find()) {
            if (sample.group(1).contains(label)) {
                return Double.parseDouble(sample.group(2));
            }
        }
        return 0;
    }
}
