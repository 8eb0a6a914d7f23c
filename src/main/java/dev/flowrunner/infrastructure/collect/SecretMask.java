package dev.flowrunner.infrastructure.collect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Replaces secret values with {@value #MASK} in every file a runner left, before anything is stored or read: logs,
 * Cucumber messages, anything it wrote. (A value the runner transformed — base64 inside an embedded attachment, say —
 * cannot be recognised; the runner's own logs are where secrets leak in practice.)
 */
public final class SecretMask {

    public static final String MASK = "****";
    /** The environment variable naming, comma-separated, the variables whose values are secrets to mask. */
    public static final String MASKED_VARIABLES = "FLOWRUNNER_MASKED_VARIABLES";
    /** Shorter values would mask ordinary text; SecretRules refuses them. */
    public static final int MIN_LENGTH = 4;
    private static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

    private final List<byte[]> values;

    public SecretMask(Set<String> values) {
        // Longest first: a value containing another is masked whole.
        this.values = values.stream().filter(v -> v != null && v.length() >= MIN_LENGTH)
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(v -> v.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** The mask of the secret values the environment holds in the variables {@link #MASKED_VARIABLES} names. */
    public static SecretMask fromEnvironment(Function<String, String> env) {
        String names = env.apply(MASKED_VARIABLES);
        if (names == null || names.isBlank()) {
            return new SecretMask(Set.of());
        }
        return new SecretMask(Arrays.stream(names.split(",")).map(String::trim).map(env).filter(Objects::nonNull)
                .collect(Collectors.toSet()));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** Masks every regular file below {@code dir}, each rewritten through a temporary file only if it changed. */
    public void apply(Path dir) throws IOException {
        if (values.isEmpty() || !Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).filter(f -> size(f) <= MAX_FILE_BYTES).toList();
        }
        for (Path file : files) {
            byte[] content = Files.readAllBytes(file);
            byte[] masked = mask(content);
            if (masked != content) {
                Path temporary = file.resolveSibling(file.getFileName() + ".mask.tmp");
                Files.write(temporary, masked);
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
    }

    /** The text with every value replaced. */
    public String apply(String text) {
        if (values.isEmpty()) {
            return text;
        }
        byte[] content = text.getBytes(StandardCharsets.UTF_8);
        byte[] masked = mask(content);
        return masked == content ? text : new String(masked, StandardCharsets.UTF_8);
    }

    /** The content with every value replaced; the same array when nothing was found. */
    byte[] mask(byte[] content) {
        byte[] current = content;
        for (byte[] value : values) {
            current = replace(current, value);
        }
        return current;
    }

    private static byte[] replace(byte[] content, byte[] value) {
        int at = indexOf(content, value, 0);
        if (at < 0) {
            return content;
        }
        byte[] mask = MASK.getBytes(StandardCharsets.US_ASCII);
        var out = new java.io.ByteArrayOutputStream(content.length);
        int from = 0;
        while (at >= 0) {
            out.write(content, from, at - from);
            out.write(mask, 0, mask.length);
            from = at + value.length;
            at = indexOf(content, value, from);
        }
        out.write(content, from, content.length - from);
        return out.toByteArray();
    }

    private static int indexOf(byte[] content, byte[] value, int from) {
        outer:
        for (int i = from; i <= content.length - value.length; i++) {
            for (int j = 0; j < value.length; j++) {
                if (content[i + j] != value[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
