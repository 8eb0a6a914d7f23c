package dev.flowrunner.it;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The MicroProfile Health endpoints the Helm chart's probes use. */
class HealthIT {

    private final FlowrunnerClient client = new FlowrunnerClient();

    @Test
    void startedReadyAndLiveAnswerUpOnceRecoveryIsOver() {
        for (String probe : List.of("/health/started", "/health/ready", "/health/live")) {
            FlowrunnerClient.Answer answer = client.get(probe);
            assertEquals(200, answer.status(), probe + ": " + answer.body());
            assertEquals("UP", answer.json().getString("status"), probe);
        }
        assertTrue(client.get("/health/ready").body().contains("start-up-recovery"));
    }
}
