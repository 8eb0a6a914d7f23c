package dev.flowrunner.infrastructure.kubernetes;

import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.ApiException;

import java.util.Optional;

/**
 * A pod creation the namespace's ResourceQuota refused (403 Forbidden). "exceeded quota" passes once other pods
 * end, so it is worth waiting for; "failed quota" (the pod lacks the requests or limits the quota demands) never
 * passes by waiting.
 *
 * @param message the API server's own words
 */
record QuotaRefusal(String message, boolean passesWithTime) {

    private static final int FORBIDDEN = 403;

    static Optional<QuotaRefusal> of(ApiException e) {
        if (e.getCode() != FORBIDDEN || e.getResponseBody() == null) {
            return Optional.empty();
        }
        String message = statusMessage(e.getResponseBody());
        if (message.contains("exceeded quota")) {
            return Optional.of(new QuotaRefusal(message, true));
        }
        if (message.contains("failed quota")) {
            return Optional.of(new QuotaRefusal(message, false));
        }
        return Optional.empty();
    }

    /** The Status object's message, or the body itself when it is not one. */
    private static String statusMessage(String body) {
        try {
            var status = JsonParser.parseString(body);
            if (status.isJsonObject() && status.getAsJsonObject().has("message")) {
                return status.getAsJsonObject().get("message").getAsString();
            }
        } catch (RuntimeException notJson) {
            // an answer from something in between (a proxy): its text is all there is
        }
        return body;
    }

    /** What the run shows: what happened and what to change. */
    String explain() {
        return "the namespace's resource quota refuses worker pods: " + message
                + (passesWithTime ? " — lower flowrunner.workers.max-concurrent below what the quota allows, or raise"
                + " the quota" : " — give the project's pods the requests and limits the quota demands (pod.cpu,"
                + " pod.memory)");
    }
}
