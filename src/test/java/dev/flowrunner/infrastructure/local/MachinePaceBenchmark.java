package dev.flowrunner.infrastructure.local;

import dev.flowrunner.bench.BenchTable;

import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The machine's own pace, with no Flowrunner code in it, printed beside the figures it moves: the CPU a JVM spends to
 * start a process and reap it (as the local launcher does, by the same launch mechanism) and that start's wall time;
 * a fork and exec in a shell loop (what the worker's supervisor, the fixture runner and {@code xargs} do); and a
 * user-mode workload (SHA-256). On a virtual machine the process figures vary by half and more from one hour to the
 * next with the host's and the machine's load, the digest much less; the server's CPU per scenario with one process
 * per scenario follows the first. Usage: MachinePaceBenchmark [PROCESSES_PER_ROUND].
 */
public final class MachinePaceBenchmark {

    private static final int ROUNDS = 3;
    private static final int DIGEST_MEGABYTES = 256;

    private MachinePaceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int processes = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        ProcessLaunchMechanism.preferVfork();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var starts = new ArrayList<ProcessStarts>();
        startAndReap(os, processes); // warm-up, not measured: the JDK's process classes loaded and compiled
        for (int round = 1; round <= ROUNDS; round++) {
            ProcessStarts measured = startAndReap(os, processes);
            System.out.printf("round %d: %s%n", round, measured);
            starts.add(measured);
        }
        starts.sort(Comparator.comparingDouble(ProcessStarts::cpuMillisEach));
        ProcessStarts median = starts.get(ROUNDS / 2);
        double shellMillisEach = shellForkAndExec(processes);
        double digestMegabytesPerSecond = digestPace();
        BenchTable.row("Machine pace (no Flowrunner code), for reading the CPU rows: a process started and reaped "
                        + "from a JVM, a fork and exec in a shell, SHA-256 in a JVM",
                BenchTable.format("%.2f ms of the JVM's CPU and %.1f ms wall per process (%s, median of %d rounds "
                                + "of %d); %.1f ms per fork and exec in a shell loop; SHA-256 %.0f MB/s",
                        median.cpuMillisEach(), median.wallMillisEach(),
                        System.getProperty(ProcessLaunchMechanism.PROPERTY, "posix_spawn"), ROUNDS, processes,
                        shellMillisEach, digestMegabytesPerSecond),
                "—", null);
    }

    /** {@code /bin/true}, one at a time: the cost of a start and a reap and nothing else. */
    private static ProcessStarts startAndReap(com.sun.management.OperatingSystemMXBean os, int processes)
            throws Exception {
        long cpu = os.getProcessCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < processes; i++) {
            Process process = new ProcessBuilder("/bin/true").redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("/bin/true exited with " + process.exitValue());
            }
        }
        return new ProcessStarts((os.getProcessCpuTime() - cpu) / 1e6 / processes,
                (System.nanoTime() - wall) / 1e6 / processes);
    }

    /** Wall time per {@code /bin/true} that one shell starts and waits for, the fastest of {@value #ROUNDS} loops. */
    private static double shellForkAndExec(int processes) throws Exception {
        double fastest = Double.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long started = System.nanoTime();
            Process shell = new ProcessBuilder("sh", "-c",
                    "i=0; while [ \"$i\" -lt \"$1\" ]; do /bin/true; i=$((i + 1)); done", "loop",
                    String.valueOf(processes)).inheritIO().start();
            if (shell.waitFor() != 0) {
                throw new IllegalStateException("the shell loop exited with " + shell.exitValue());
            }
            fastest = Math.min(fastest, (System.nanoTime() - started) / 1e6 / processes);
        }
        return fastest;
    }

    private record ProcessStarts(double cpuMillisEach, double wallMillisEach) {
        @Override
        public String toString() {
            return String.format("%.2f ms of CPU, %.1f ms wall per process", cpuMillisEach, wallMillisEach);
        }
    }

    /** The best of a few passes, once the JIT has compiled the digest: the machine's pace, not the compiler's. */
    private static double digestPace() throws NoSuchAlgorithmException {
        byte[] block = new byte[1024 * 1024];
        List<Double> passes = new ArrayList<>();
        for (int pass = 0; pass < 4; pass++) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            long started = System.nanoTime();
            for (int i = 0; i < DIGEST_MEGABYTES; i++) {
                block[i % block.length] ^= (byte) i; // each block differs, so no pass can be skipped
                digest.update(block);
            }
            digest.digest();
            passes.add(DIGEST_MEGABYTES / ((System.nanoTime() - started) / 1e9));
        }
        return passes.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
