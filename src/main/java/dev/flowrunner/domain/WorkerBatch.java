package dev.flowrunner.domain;

import java.time.Instant;

/**
 * The worker an attempt shared with other scenarios of its group: one runner process (or pod) that ran them all.
 *
 * @param id     {@code r<round>-b<n>}: unique in its group, so that it names the worker and its folder
 * @param size   how many scenarios the worker was given
 * @param reason     why the batch got that size (the group's setting, or what the automatic size weighed)
 * @param launchedAt when its worker was launched (its scenarios' own starts come after the runner's start), or null
 *                   while it is not yet
 */
public record WorkerBatch(String id, int size, String reason, Instant launchedAt) {

    public WorkerBatch(String id, int size, String reason) {
        this(id, size, reason, null);
    }

    /** The same batch, its worker launched at {@code at}. */
    public WorkerBatch launchedAt(Instant at) {
        return new WorkerBatch(id, size, reason, at);
    }

    /** The batch id of the {@code number}th batch of a group in a round. */
    public static String id(int round, int number) {
        return "r" + round + "-b" + number;
    }

    public static boolean inRound(String id, int round) {
        return id.startsWith("r" + round + "-b");
    }

    /** The number a batch id was made with; 0 for an id that was not made by {@link #id}. */
    public static int number(String id) {
        int at = id.lastIndexOf("-b");
        try {
            return at < 0 ? 0 : Integer.parseInt(id.substring(at + 2));
        } catch (NumberFormatException notOurs) {
            return 0;
        }
    }
}
