package dev.flowrunner.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/** What benchmarks read of a running server: its Prometheus figures and its process's CPU time. */
final class ServerMetrics {

    /** Linux counts process CPU time in clock ticks of 1/100 s (USER_HZ). */
    private static final long MILLIS_PER_TICK = 10;
    private static final long IDLE_WINDOW_MILLIS = 1000;
    private static final long IDLE_COMPILER_PERCENT = 5;

    private final FlowrunnerClient client;
    private final long pid;

    ServerMetrics(FlowrunnerClient client, long pid) {
        this.client = client;
        this.pid = pid;
    }

    /** The sum of every sample of a metric in /metrics (all its tags), e.g. {@code flowrunner_worker_starts_total}. */
    double sum(String name) {
        return samples(name).sum();
    }

    /** One sample of the used heap (the largest line, should the scrape hold it twice). */
    long usedHeapBytes() {
        return (long) samples("memory_usedHeap_bytes").max().orElse(0);
    }

    long maxHeapBytes() {
        return (long) samples("memory_maxHeap_bytes").max().orElse(0);
    }

    private java.util.stream.DoubleStream samples(String name) {
        return client.get("/metrics").body().lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
    }

    /** CPU the server's own threads have used (user + system), in milliseconds. */
    long cpuMillis() {
        return cpuMillis(stat());
    }

    /** User + system time of a {@code stat} line (a process's, or one of its threads'). */
    private static long cpuMillis(String[] fields) {
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) * MILLIS_PER_TICK;
    }

    /** CPU of the server's ended children (the scenarios' processes), in milliseconds. */
    long childrenCpuMillis() {
        String[] fields = stat();
        return (Long.parseLong(fields[15]) + Long.parseLong(fields[16])) * MILLIS_PER_TICK;
    }

    /**
     * CPU the JVM's JIT compiler threads have used, in milliseconds: a cost a long-running server pays while its code
     * warms up, not per scenario, shown apart so that a figure says how warm the server was.
     */
    long compilerCpuMillis() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.mapToLong(ServerMetrics::compilerCpuMillis).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits, up to {@code atMost}, until the JIT compiler has caught up: less than {@value #IDLE_COMPILER_PERCENT} % of
     * a core over a second. A busy server ends a run with methods still queued for compilation, and on two cores
     * the queue drains only once it idles (1 to 6 s after a warm-up run here); a long-running server's has drained.
     *
     * @return how long it waited
     */
    Duration awaitCompilerIdle(Duration atMost) {
        long started = System.nanoTime();
        long deadline = started + atMost.toNanos();
        long before = compilerCpuMillis();
        while (System.nanoTime() < deadline) {
            BenchRuns.sleep(Duration.ofMillis(IDLE_WINDOW_MILLIS));
            long now = compilerCpuMillis();
            if ((now - before) * 100 < IDLE_COMPILER_PERCENT * IDLE_WINDOW_MILLIS) {
                break;
            }
            before = now;
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** The thread's CPU if it is a JIT compiler thread, else 0 (as for a thread that ended meanwhile). */
    private static long compilerCpuMillis(Path task) {
        try {
            if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                return 0;
            }
            return cpuMillis(stat(task.resolve("stat")));
        } catch (IOException | UncheckedIOException threadEnded) {
            return 0;
        }
    }

    private String[] stat() {
        return stat(Path.of("/proc/" + pid + "/stat"));
    }

    private static String[] stat(Path file) {
        try {
            String stat = Files.readString(file);
            // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
            String rest = stat.substring(stat.lastIndexOf(')') + 2);
            String[] after = rest.split(" ");
            String[] fields = new String[after.length + 2];
            System.arraycopy(after, 0, fields, 2, after.length);
            return fields;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
