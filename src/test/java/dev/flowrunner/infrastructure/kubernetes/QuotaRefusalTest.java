package dev.flowrunner.infrastructure.kubernetes;

import io.kubernetes.client.openapi.ApiException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QuotaRefusalTest {

    @Test
    void anExceededQuotaIsWorthWaitingForAndNamesTheQuota() {
        var refusal = QuotaRefusal.of(forbidden("pods \\\"fr-x\\\" is forbidden: exceeded quota: compute, requested:"
                + " limits.memory=64Gi, used: limits.memory=0, limited: limits.memory=8Gi")).orElseThrow();

        assertTrue(refusal.passesWithTime());
        assertTrue(refusal.explain().contains("exceeded quota: compute"), refusal.explain());
        assertTrue(refusal.explain().contains("flowrunner.workers.max-concurrent"));
    }

    @Test
    void aPodWithoutTheLimitsTheQuotaDemandsIsNotWorthWaitingFor() {
        var refusal = QuotaRefusal.of(forbidden("pods \\\"fr-x\\\" is forbidden: failed quota: compute: must specify"
                + " limits.cpu")).orElseThrow();

        assertFalse(refusal.passesWithTime());
        assertTrue(refusal.explain().contains("pod.cpu"));
    }

    @Test
    void otherRefusalsAreNotQuotaRefusals() {
        assertTrue(QuotaRefusal.of(forbidden("pods is forbidden: User \\\"x\\\" cannot create resource")).isEmpty());
        assertTrue(QuotaRefusal.of(new ApiException(409, Map.of(), "exceeded quota")).isEmpty());
        assertEquals("exceeded quota: plain", QuotaRefusal.of(new ApiException(403, Map.of(), "exceeded quota: plain"))
                .orElseThrow().message());
    }

    private static ApiException forbidden(String message) {
        return new ApiException(403, Map.of(), "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                + "\"message\":\"" + message + "\",\"reason\":\"Forbidden\",\"code\":403}");
    }
}
