package dev.flowrunner.domain;

/**
 * How many scenarios of a group one worker runs: one (each scenario pays the runner's start), a fixed number, or as
 * many as pay for a start without holding the group's end back ({@link #AUTO}).
 *
 * @param fixed the fixed size, or 0 for {@link #AUTO}
 */
public record BatchSize(int fixed) {

    public static final BatchSize ONE = new BatchSize(1);
    public static final BatchSize AUTO = new BatchSize(0);
    /** A larger batch than this would hold one process's messages and logs for very long; nobody needs more. */
    public static final int MAX = 500;

    public BatchSize {
        if (fixed < 0 || fixed > MAX) {
            throw new IllegalArgumentException("a batch size is 1 to " + MAX + ", or auto");
        }
    }

    /** Reads what {@link #toString} wrote: {@code auto} or a number. */
    public static BatchSize parse(String text) {
        if ("auto".equals(text)) {
            return AUTO;
        }
        try {
            int fixed = Integer.parseInt(text);
            if (fixed < 1) {
                throw new IllegalArgumentException("a batch size is 1 to " + MAX + ", or auto");
            }
            return new BatchSize(fixed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a batch size is 1 to " + MAX + ", or auto, not " + text);
        }
    }

    public boolean isAuto() {
        return fixed == 0;
    }

    @Override
    public String toString() {
        return isAuto() ? "auto" : Integer.toString(fixed);
    }
}
