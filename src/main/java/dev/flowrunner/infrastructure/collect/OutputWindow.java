package dev.flowrunner.infrastructure.collect;

import dev.flowrunner.domain.OutputSlice;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Cuts the live view of a runner's growing output: from a byte offset, at most {@link #READ_BYTES} at a time and
 * {@link #CAP_BYTES} in all, whole lines only (a line still being written waits for its end), secret values masked.
 * No cut ever splits a secret value (values may span lines), or one half would be shown in each slice, unmasked.
 */
public final class OutputWindow {

    /** One answer's worth: a screenful of a chatty runner, small enough to poll every second. */
    public static final int READ_BYTES = 64 * 1024;
    /** The live view stops here; the stored file holds everything once the attempt has ended. */
    public static final long CAP_BYTES = 1024 * 1024;

    private final SecretMask mask;
    private final List<byte[]> secrets;
    private final int longestSecret;

    public OutputWindow(Set<String> secretValues) {
        this.mask = new SecretMask(secretValues);
        this.secrets = secretValues.stream().filter(Objects::nonNull).filter(v -> v.length() >= SecretMask.MIN_LENGTH)
                .map(v -> v.getBytes(StandardCharsets.UTF_8)).sorted(Comparator.comparingInt(v -> -v.length)).toList();
        this.longestSecret = secrets.isEmpty() ? 0 : secrets.get(0).length;
    }

    /** How many bytes to read from {@code offset}: a slice's worth, and enough past it to see a value that spans it. */
    public int bytesToRead(long offset) {
        long wanted = wanted(offset);
        return wanted == 0 ? 0 : (int) wanted + longestSecret;
    }

    /** What is shown of {@code bytes}, which were read from {@code offset} (at most {@link #bytesToRead}). */
    public OutputSlice slice(String stream, long offset, byte[] bytes) {
        long wanted = wanted(offset);
        int limit = (int) Math.min(bytes.length, wanted);
        int cut = lastLineEnd(bytes, limit);
        if (cut == 0 && limit == wanted && limit > 0) {
            // One line longer than a whole slice: shown in pieces rather than never.
            cut = limit;
        }
        int beforeSecret = beforeSplitSecret(bytes, cut);
        if (beforeSecret < cut) {
            // Back to the line end before the value, when there is one: the slice still ends with a whole line.
            int lineEnd = lastLineEnd(bytes, beforeSecret);
            cut = lineEnd > 0 ? lineEnd : beforeSecret;
        }
        cut = characterStart(bytes, cut);
        byte[] shown = mask.mask(Arrays.copyOf(bytes, cut));
        long next = offset + cut;
        return new OutputSlice(stream, offset, next, new String(shown, StandardCharsets.UTF_8), next >= CAP_BYTES);
    }

    private static long wanted(long offset) {
        return Math.max(0, Math.min(READ_BYTES, CAP_BYTES - offset));
    }

    private static int lastLineEnd(byte[] bytes, int limit) {
        for (int i = limit - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i + 1;
            }
        }
        return 0;
    }

    /** The cut moved back to the start of a secret value (or of what may be one, at the end of what was read). */
    private int beforeSplitSecret(byte[] bytes, int cut) {
        int safe = cut;
        for (byte[] value : secrets) {
            for (int start = Math.max(0, cut - value.length + 1); start < cut; start++) {
                if (start < safe && matchesFrom(bytes, start, value)) {
                    safe = start;
                }
            }
        }
        return safe;
    }

    /** Whether {@code value} starts at {@code start}, as far as the bytes read go. */
    private static boolean matchesFrom(byte[] bytes, int start, byte[] value) {
        int length = Math.min(value.length, bytes.length - start);
        for (int i = 0; i < length; i++) {
            if (bytes[start + i] != value[i]) {
                return false;
            }
        }
        return true;
    }

    /** Never inside a UTF-8 character: back to its first byte. */
    private static int characterStart(byte[] bytes, int cut) {
        int at = cut;
        while (at > 0 && at < bytes.length && (bytes[at] & 0xC0) == 0x80) {
            at--;
        }
        return at;
    }
}
