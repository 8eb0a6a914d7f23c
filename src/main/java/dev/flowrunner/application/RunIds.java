package dev.flowrunner.application;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Run ids that sort by start time and say when the run started: {@code 20261126-091502-k3x9qa}. */
public final class RunIds {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    /**
     * The id of the run a schedule's fire starts: the fire's time and a suffix derived from the schedule, the same
     * every time it is computed — so a fire repeated after a crash finds its run instead of starting another.
     */
    public static String forFire(Instant fireTime, String scheduleId) {
        var suffix = new StringBuilder(6);
        long hash = Integer.toUnsignedLong(scheduleId.hashCode()) * 31 + scheduleId.length();
        for (int i = 0; i < 6; i++) {
            suffix.append(ALPHABET.charAt((int) (hash % ALPHABET.length())));
            hash /= ALPHABET.length();
        }
        return STAMP.format(fireTime) + "-" + suffix;
    }

    public static String next(Instant now) {
        var suffix = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return STAMP.format(now) + "-" + suffix;
    }
}
