package dev.flowrunner.it;

import dev.flowrunner.bench.BenchTable;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Months of operation in minutes: runs of a small real cucumber-js execution (three test cases of
 * {@link RealCucumberSuite} in one batch-sized group) follow each other on the IT server, {@value #IN_FLIGHT} at a
 * time across {@value #EXECUTIONS} executions, with a retention policy keeping the newest {@value #KEEP} runs of
 * each, until {@code runs} have ended or the time is up. Every {@value #SAMPLE_EVERY} runs it samples the server's
 * heap after a full GC, its open files and threads, the data directory's bytes, the records per MongoDB collection
 * and the batch job repository's rows per table; it prints them all, and the growth from the first sample (taken once
 * the first window of kept runs has filled) to the last. The target: flat. The audit log, kept for a year, grows with
 * every request by design: it is shown, not held to it.
 */
public final class SoakBenchmark {

    static final int KEEP = 20;
    static final int EXECUTIONS = 4;
    static final int IN_FLIGHT = 2;
    static final int SAMPLE_EVERY = 100;
    private static final int CASES = 3;
    private static final String AUDIT = "records.audit";
    /** What a figure may move between samples without counting as growth: GC and timing noise. */
    private static final double TOLERANCE = 0.15;

    private SoakBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Duration budget = Duration.ofMinutes(args.length > 1 ? Long.parseLong(args[1]) : 20);
        RealCucumberSuite suite = RealCucumberSuite.write(Path.of("target", "bench", "soak-suite"), 1);
        var client = new FlowrunnerClient();
        long pid = ServerProcess.IT_SERVER.pid();
        var server = new ServerMetrics(client, pid);
        String project = RealSuiteBenchmark.project(client, suite);
        List<String> executions = new ArrayList<>();
        for (int i = 0; i < EXECUTIONS; i++) {
            executions.add(RealSuiteBenchmark.execution(client, project, "soak " + i, suite.cases().subList(0, CASES),
                    "auto"));
        }

        var samples = new ArrayList<Sample>();
        Deque<String> running = new ArrayDeque<>();
        long began = System.nanoTime();
        long deadline = began + budget.toNanos();
        int started = 0;
        int ended = 0;
        while (ended < runs && System.nanoTime() < deadline) {
            while (running.size() < IN_FLIGHT && started < runs) {
                running.add(client.startRun(executions.get(started % EXECUTIONS)));
                started++;
            }
            String oldest = running.peek();
            JsonObject run = client.get("/api/runs/" + oldest).json();
            if (List.of("RUNNING", "STOPPING").contains(run.getString("status"))) {
                Thread.sleep(250);
                continue;
            }
            running.poll();
            ended++;
            if (ended % KEEP == 0) {
                applyRetention(client, executions);
            }
            if (ended % SAMPLE_EVERY == 0) {
                Sample sample = Sample.take(client, server, pid, ended, Duration.ofNanos(System.nanoTime() - began));
                samples.add(sample);
                System.out.println(sample);
            }
        }
        for (String left : running) {
            client.awaitRunEnd(left, Duration.ofMinutes(5));
        }
        report(samples, ended, budget);
    }

    private static void applyRetention(FlowrunnerClient client, List<String> executions) {
        for (String execution : executions) {
            var answer = client.post("/api/admin/retention", Json.createObjectBuilder().add("executionId", execution)
                    .add("keepRunsPerExecution", KEEP).build());
            if (answer.status() != 200) {
                throw new AssertionError("the retention policy answered " + answer.status() + ": " + answer.body());
            }
        }
    }

    private static void report(List<Sample> samples, int ended, Duration budget) {
        if (samples.size() < 2) {
            BenchTable.row("Soak: figures flat after the first retention window", "fewer than two samples ("
                    + ended + " runs in " + budget.toMinutes() + " min)", "flat", false);
            return;
        }
        // The first sample comes after the first window of kept runs has filled: from there, nothing grows.
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        var growing = new ArrayList<String>();
        Map<String, Long> from = first.figures();
        Map<String, Long> to = last.figures();
        for (var figure : to.entrySet()) {
            if (figure.getKey().equals(AUDIT)) {
                continue;
            }
            long before = from.getOrDefault(figure.getKey(), 0L);
            if (figure.getValue() > before * (1 + TOLERANCE) + slack(figure.getKey())) {
                growing.add(figure.getKey() + " " + before + " → " + figure.getValue());
            }
        }
        BenchTable.row(BenchTable.format("Soak: %d runs of a real cucumber-js execution (%d test cases), newest %d kept"
                        + " per execution (%d executions), sampled every %d runs: growth from run %d to run %d",
                        ended, CASES, KEEP, EXECUTIONS, SAMPLE_EVERY, first.runs(), last.runs()),
                BenchTable.format("heap after GC %.0f → %.0f MB, open files %d → %d, threads %d → %d, data"
                                + " directory %.1f → %.1f MB, records %d → %d (of which audit %d → %d), job repository"
                                + " rows %d → %d%s",
                        first.heapBytes() / 1e6, last.heapBytes() / 1e6, first.openFiles(), last.openFiles(),
                        first.threads(), last.threads(), first.dataBytes() / 1e6, last.dataBytes() / 1e6,
                        first.records(), last.records(), from.getOrDefault(AUDIT, 0L), to.getOrDefault(AUDIT, 0L),
                        first.jobRows(), last.jobRows(),
                        growing.isEmpty() ? "" : "; growing: " + String.join(", ", growing)),
                "flat: none grows by more than " + Math.round(TOLERANCE * 100) + " %", growing.isEmpty());
    }

    /** What a small figure may gain without it meaning anything (a thread started, a file opened). */
    private static long slack(String figure) {
        return switch (figure) {
            case "openFiles", "threads" -> 10;
            case "heapBytes", "dataBytes" -> 8_000_000;
            default -> 50;
        };
    }

    /** One look at the server and its stores. */
    record Sample(int runs, Duration elapsed, long heapBytes, long openFiles, long threads, long dataBytes,
                  Map<String, Long> collections, Map<String, Long> jobTables) {

        static Sample take(FlowrunnerClient client, ServerMetrics server, long pid, int runs, Duration elapsed)
                throws IOException, InterruptedException {
            Process gc = new ProcessBuilder("jcmd", Long.toString(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            gc.waitFor(60, TimeUnit.SECONDS);
            long heap = server.usedHeapBytes();
            long files;
            try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
                files = fds.count();
            }
            long threads = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("Threads:")).mapToLong(l -> Long.parseLong(l.substring(8).trim()))
                    .findFirst().orElse(0);
            JsonObject storage = client.get("/api/admin/storage").json();
            long data = storage.getJsonObject("folders").values().stream()
                    .mapToLong(f -> f.asJsonObject().getJsonNumber("bytes").longValue()).sum();
            return new Sample(runs, elapsed, heap, files, threads, data, numbers(storage.getJsonObject("records")),
                    numbers(storage.getJsonObject("jobRepository")));
        }

        private static Map<String, Long> numbers(JsonObject object) {
            var numbers = new LinkedHashMap<String, Long>();
            object.forEach((name, value) -> numbers.put(name, value.getValueType() == JsonValue.ValueType.NUMBER
                    ? ((jakarta.json.JsonNumber) value).longValue() : 0));
            return numbers;
        }

        long records() {
            return collections.values().stream().mapToLong(Long::longValue).sum();
        }

        long jobRows() {
            return jobTables.values().stream().mapToLong(Long::longValue).sum();
        }

        /** Every figure by name, the collections' and tables' each on its own. */
        Map<String, Long> figures() {
            var figures = new LinkedHashMap<String, Long>();
            figures.put("heapBytes", heapBytes);
            figures.put("openFiles", openFiles);
            figures.put("threads", threads);
            figures.put("dataBytes", dataBytes);
            collections.forEach((name, count) -> figures.put("records." + name, count));
            jobTables.forEach((name, count) -> figures.put("jobRepository." + name, count));
            return figures;
        }

        @Override
        public String toString() {
            return BenchTable.format("after %d runs (%d s): heap after GC %.1f MB, %d open files, %d threads, data"
                            + " directory %.2f MB, records %s, job repository %s", runs, elapsed.toSeconds(),
                    heapBytes / 1e6, openFiles, threads, dataBytes / 1e6, collections, jobTables);
        }
    }
}
