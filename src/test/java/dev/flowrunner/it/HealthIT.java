package dev.flowrunner.it;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MicroProfile Health endpoints the Helm chart's probes use. */
class HealthIT {

    /** Probes do not sign in. */
    private final FlowrunnerClient client = new FlowrunnerClient().as(null);

    @Test
    void startedReadyAndLiveAnswerUpOnceRecoveryIsOver() {
        for (String probe : List.of("/health/started", "/health/ready", "/health/live")) {
            FlowrunnerClient.Answer answer = client.get(probe);
            assertEquals(200, answer.status(), probe + ": " + answer.body());
            assertEquals("UP", answer.json().getString("status"), probe);
        }
        String ready = client.get("/health/ready").body();
        for (String check : List.of("start-up-recovery", "mongodb", "job-repository", "artifact-store", "workers")) {
            assertTrue(ready.contains("\"" + check + "\""), check + " missing from " + ready);
        }
        assertTrue(client.get("/health/live").body().contains("no-deadlock"));
    }
}
