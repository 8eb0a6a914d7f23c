package dev.flowrunner.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

/**
 * The benchmarks' figures, one row each in {@code target/bench/results.tsv} (measure, figure, target, whether it was
 * met): {@code bench/run} prints them as the table docs/benchmarks.md carries. A figure that misses its target is reported,
 * never turned into a failure.
 */
public final class BenchTable {

    public static final Path FILE = Path.of(System.getProperty("flowrunner.bench.results", "target/bench/results.tsv"));

    private BenchTable() {
    }

    public static void row(String measure, String figure, String target, Boolean met) {
        String line = String.join("\t", measure, figure, target, met == null ? "—" : met ? "yes" : "no") + "\n";
        System.out.print("RESULT " + line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }

    /** The value below which {@code share} of the sorted samples lie (nearest rank). */
    public static long percentile(List<Long> sortedSamples, double share) {
        int rank = (int) Math.ceil(share * sortedSamples.size());
        return sortedSamples.get(Math.max(0, rank - 1));
    }
}
