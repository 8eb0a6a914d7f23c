package dev.flowrunner.infrastructure.kubernetes;

import dev.flowrunner.domain.AttemptKey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Names and labels of worker pods. A pod's name is derived from its attempt alone, so a restarted server finds the
 * pod of an attempt it did not launch; labels let one watch see every Flowrunner pod.
 */
public final class PodNames {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String FLOWRUNNER = "flowrunner";
    public static final String SELECTOR = MANAGED_BY + "=" + FLOWRUNNER;
    /** Which Flowrunner installation made the pod: the sweep of leftovers removes only its own installation's. */
    public static final String INSTALLATION = "flowrunner.dev/installation";
    public static final String RUN = "flowrunner.dev/run";
    public static final String FLOW = "flowrunner.dev/flow";
    public static final String GROUP = "flowrunner.dev/group";
    public static final String SCENARIO = "flowrunner.dev/scenario";
    public static final String ATTEMPT = "flowrunner.dev/attempt";
    /** Pod names also become host names: at most 63 characters. */
    private static final int MAX_NAME = 63;

    private PodNames() {
    }

    /**
     * {@code fr-<run>-<scenario>-<n>}, or {@code fr-<run>-<group>-<batch>-1} for a batch's pod (batch ids are unique
     * in their group), lower-cased to DNS-1123; too long, it keeps a hash of the whole.
     */
    public static String of(AttemptKey key) {
        String worker = key.isBatch() ? key.groupKey() + "-" + key.batchId() : key.scenarioKey();
        String full = dns("fr-" + key.runId() + "-" + worker) + "-" + key.number();
        if (full.length() <= MAX_NAME) {
            return full;
        }
        String hash = sha256(key.id()).substring(0, 10);
        String tail = "-" + hash + "-" + key.number();
        return trimDashes(full.substring(0, MAX_NAME - tail.length())) + tail;
    }

    public static Map<String, String> labels(AttemptKey key, String installation) {
        return Map.of(MANAGED_BY, FLOWRUNNER, INSTALLATION, installation, RUN, labelValue(key.runId()),
                FLOW, labelValue(key.flowKey()), GROUP, labelValue(key.groupKey()),
                SCENARIO, labelValue(key.scenarioKey()), ATTEMPT, Integer.toString(key.number()));
    }

    private static String dns(String text) {
        return trimDashes(text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("-{2,}", "-"));
    }

    static String labelValue(String text) {
        String cleaned = text.replaceAll("[^A-Za-z0-9._-]+", "-");
        cleaned = cleaned.length() <= MAX_NAME ? cleaned : cleaned.substring(0, MAX_NAME);
        return cleaned.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }

    private static String trimDashes(String text) {
        return text.replaceAll("^-+|-+$", "");
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
