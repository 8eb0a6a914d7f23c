package dev.flowrunner.infrastructure.local;

import dev.flowrunner.configuration.DataDirectory;
import dev.flowrunner.configuration.WorkerSettings;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.BatchProgress;
import dev.flowrunner.domain.CommandTemplate;
import dev.flowrunner.domain.OutputSlice;
import dev.flowrunner.domain.Worker;
import dev.flowrunner.domain.WorkerExit;
import dev.flowrunner.domain.WorkerLauncher;
import dev.flowrunner.domain.WorkerSpec;
import dev.flowrunner.infrastructure.collect.OutputWindow;
import dev.flowrunner.infrastructure.collect.ResultsDirectory;
import dev.flowrunner.infrastructure.collect.SecretMask;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Runs each attempt as a local process under Flowrunner's supervisor script; the embedded default worker.
 * The attempt's directory under the data directory receives stdout.log, stderr.log, the runner's results
 * ({@code FLOWRUNNER_RESULTS_DIR}) and the exit file.
 */
@ApplicationScoped
@Typed(LocalProcessLauncher.class) // the WorkerLauncher itself comes from WorkerLauncherProducer
public class LocalProcessLauncher implements WorkerLauncher {

    static final String STDOUT = "stdout.log";
    static final String STDERR = "stderr.log";
    static final String EXIT_FILE = ResultsDirectory.EXIT_FILE;
    static final String SUPERVISOR_FILE = "supervisor.pid";
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final boolean SETSID_PRESENT = Files.isExecutable(SETSID);
    /** How long a run's end waits for its last results to be stored; an outage's retries do not hold it longer. */
    private static final Duration STORE_WAIT = Duration.ofMinutes(2);

    static {
        ProcessLaunchMechanism.preferVfork();
    }

    private static final Logger LOG = Logger.getLogger(LocalProcessLauncher.class.getName());

    @Inject
    DataDirectory dataDirectory;
    @Inject
    WorkerSettings workers;

    @Inject
    AttemptResultsUpload upload;
    @Inject
    LocalScratch scratch;
    @Inject
    DiskRoom room;

    private final Map<String, Process> processes = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    /** Secret values each running attempt's files must lose before they are stored; in memory only. */
    private final Map<String, Set<String>> masks = new ConcurrentHashMap<>();
    private volatile Path supervisor;

    /**
     * Starts the attempt's worker; an attempt that has one already (launched by a server that crashed before recording
     * the attempt) gets that one back instead of a second.
     */
    @Override
    public Worker launch(WorkerSpec spec) {
        Path dir = attemptDirectory(spec.key());
        Process own = processes.get(spec.key().id());
        if (own != null) {
            // Launched by this server moments ago: its supervisor may not have recorded itself yet.
            return new Worker(spec.key(), workerId(own.pid()), dir.toString());
        }
        // java.io answers "no such file" without an exception; Files.exists on Java 17 builds and catches one, twice
        // for every fresh attempt.
        if (dir.resolve(SUPERVISOR_FILE).toFile().exists() || dir.resolve(EXIT_FILE).toFile().exists()) {
            return locate(spec.key());
        }
        try {
            // The supervisor makes the attempt's folder itself (supervisor.sh).
            var values = new HashMap<>(spec.placeholders());
            values.put("resultsDir", dir.toString());
            var command = new ArrayList<String>();
            if (SETSID_PRESENT) {
                // A session of its own: a signal to the server's process group (Ctrl-C, a supervisor's kill) must
                // not reach the worker, which is meant to outlive the server and be re-attached.
                command.add(SETSID.toString());
            }
            command.addAll(List.of("sh", supervisor().toString(), dir.resolve(EXIT_FILE).toString()));
            command.addAll(CommandTemplate.render(spec.command(), values, spec.lists()));
            // The supervisor creates the runner's stdout.log and stderr.log itself (supervisor.sh); only a failure
            // of its shell would be written here.
            var builder = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            if (spec.workingDirectory() != null && !spec.workingDirectory().isBlank()) {
                builder.directory(Path.of(spec.workingDirectory()).toFile());
            }
            if (!spec.secretRefs().isEmpty()) {
                throw new IllegalStateException("secrets " + spec.secretRefs().keySet() + " reference Kubernetes"
                        + " Secrets, which reach pods only (flowrunner.workers=kubernetes); give them a value for"
                        + " local workers");
            }
            builder.environment().putAll(spec.environment());
            builder.environment().putAll(spec.secrets());
            builder.environment().put("FLOWRUNNER_RESULTS_DIR", dir.toString());
            Process process = builder.start();
            process.getOutputStream().close();
            // The supervisor records itself in SUPERVISOR_FILE (SupervisorRecord).
            processes.put(spec.key().id(), process);
            return new Worker(spec.key(), workerId(process.pid()), dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the worker of attempt " + spec.key().id() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean runsBatches() {
        return true;
    }

    @Override
    public BatchProgress follow(Worker worker, List<BatchProgress.Member> members) {
        return new LocalBatchProgress(Path.of(worker.logDirectory()), members, this::attemptDirectory, upload,
                scratch, maskOf(worker.key().id()));
    }

    @Override
    public void maskInResults(Worker worker, Set<String> values) {
        if (!values.isEmpty()) {
            masks.put(worker.key().id(), Set.copyOf(values));
        }
    }

    private SecretMask maskOf(String attemptId) {
        return new SecretMask(masks.getOrDefault(attemptId, Set.of()));
    }

    /** Read from the files the runner writes; they stay after it ends, so an attempt not yet recorded ended reads on. */
    @Override
    public List<OutputSlice> output(Worker worker, Map<String, Long> offsets, Set<String> masked) {
        var window = new OutputWindow(masked);
        Path dir = Path.of(worker.logDirectory());
        var slices = new ArrayList<OutputSlice>();
        for (String file : List.of(STDOUT, STDERR)) {
            String stream = file.substring(0, file.indexOf('.'));
            long offset = offsets.getOrDefault(stream, 0L);
            slices.add(window.slice(stream, offset, readFrom(dir.resolve(file), offset, window.bytesToRead(offset))));
        }
        return slices;
    }

    private static byte[] readFrom(Path file, long offset, int length) {
        if (length == 0) {
            return new byte[0];
        }
        try (var channel = FileChannel.open(file)) {
            var buffer = ByteBuffer.allocate((int) Math.max(0, Math.min(length, channel.size() - offset)));
            int read = 0;
            while (buffer.hasRemaining() && read >= 0) {
                read = channel.read(buffer, offset + buffer.position());
            }
            return Arrays.copyOf(buffer.array(), buffer.position());
        } catch (NoSuchFileException e) {
            return new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Worker locate(AttemptKey key) {
        Path dir = attemptDirectory(key);
        String id = SupervisorRecord.read(dir.resolve(SUPERVISOR_FILE)).map(r -> workerId(r.pid())).orElse(null);
        return new Worker(key, id, dir.toString());
    }

    private Path attemptDirectory(AttemptKey key) {
        return dataDirectory.path().resolve(key.artifactPrefix());
    }

    private static String workerId(long pid) {
        return "local-" + pid;
    }

    /**
     * Works as well for a worker that an earlier server process launched: its supervisor is found again through
     * the attempt's {@value #SUPERVISOR_FILE} file, so a restarted server re-attaches instead of re-running.
     */
    @Override
    public WorkerExit await(Worker worker, Duration timeout) throws InterruptedException {
        String id = worker.key().id();
        Path dir = Path.of(worker.logDirectory());
        try {
            Optional<ProcessHandle> supervisor = supervisorOf(worker);
            if (supervisor.isPresent() && !endsWithin(id, supervisor.get(), timeout)) {
                ProcessTrees.kill(supervisor.get(), workers.killGrace());
                awaitExit(supervisor.get());
                upload.of(worker.key(), dir, maskOf(id));
                return new WorkerExit(WorkerExit.Kind.TIMED_OUT, exitCode(dir).orElse(null));
            }
            Optional<Integer> code = exitCode(dir);
            boolean kept = upload.of(worker.key(), dir, maskOf(id));
            if (cancelled.remove(id)) {
                return new WorkerExit(WorkerExit.Kind.CANCELLED, code.orElse(null));
            }
            Optional<String> shortage = room.shortage();
            if (!kept || shortage.isPresent()) {
                // The runner's files may have been cut short: its attempt is run again rather than judged on a guess.
                return new WorkerExit(WorkerExit.Kind.VANISHED, code.orElse(null), "its files could not be kept"
                        + " whole: " + shortage.orElse("they could not be masked and stored"));
            }
            return code.map(WorkerExit::exited).orElse(new WorkerExit(WorkerExit.Kind.VANISHED, null));
        } finally {
            if (supervisorOf(worker).isEmpty()) {
                processes.remove(id);
                cancelled.remove(id);
                masks.remove(id);
            }
        }
    }

    @Override
    public void awaitResultsStored(String runId) throws InterruptedException {
        if (!upload.awaitStored(runId, STORE_WAIT)) {
            LOG.warning(() -> "results of run " + runId + " are still being stored after " + STORE_WAIT
                    + "; the run ends without waiting longer (they stay in the data directory)");
        }
    }

    @Override
    public int storeLeftResults(Set<String> runIds) {
        return upload.storeLeft(dataDirectory.resolve(AttemptKey.RUNS_ROOT), runIds);
    }

    @Override
    public void cancel(Worker worker) {
        supervisorOf(worker).ifPresent(supervisor -> {
            cancelled.add(worker.key().id());
            ProcessTrees.kill(supervisor, workers.killGrace());
        });
    }

    /**
     * This server's own child wakes the wait as it exits. One a previous server process left is only looked at again
     * after the wait: awaiting it would take a thread of the common pool per call ({@link #endsWithin}).
     */
    @Override
    public boolean awaitEnd(Worker worker, Duration atMost) throws InterruptedException {
        Process own = processes.get(worker.key().id());
        if (own != null) {
            return own.waitFor(Math.max(atMost.toMillis(), 0), TimeUnit.MILLISECONDS);
        }
        return WorkerLauncher.super.awaitEnd(worker, atMost);
    }

    /** The attempt's supervisor while it runs: this server's child, or one a previous server process left. */
    private Optional<ProcessHandle> supervisorOf(Worker worker) {
        Process own = processes.get(worker.key().id());
        if (own != null) {
            return own.isAlive() ? Optional.of(own.toHandle()) : Optional.empty();
        }
        return liveSupervisor(Path.of(worker.logDirectory()));
    }

    private static Optional<ProcessHandle> liveSupervisor(Path dir) {
        return SupervisorRecord.read(dir.resolve(SUPERVISOR_FILE)).flatMap(r -> r.liveProcess(dir.resolve(EXIT_FILE)));
    }

    /**
     * Whether the supervisor ends within the timeout. This server's own child is awaited on its {@link Process}:
     * {@link ProcessHandle#onExit()} completes through the common pool, which on a two-core machine means a new
     * thread for every call.
     */
    private boolean endsWithin(String attemptId, ProcessHandle supervisor, Duration timeout)
            throws InterruptedException {
        long millis = Math.max(timeout.toMillis(), 0);
        Process own = processes.get(attemptId);
        return own != null ? own.waitFor(millis, TimeUnit.MILLISECONDS) : ProcessTrees.endsWithin(supervisor, millis);
    }

    private static Optional<Integer> exitCode(Path dir) {
        return new ResultsDirectory(dir).exitCode();
    }

    private static void awaitExit(ProcessHandle process) throws InterruptedException {
        if (!ProcessTrees.endsWithin(process, TimeUnit.SECONDS.toMillis(30))) {
            process.destroyForcibly();
        }
    }

    private Path supervisor() throws IOException {
        if (supervisor == null) {
            synchronized (this) {
                if (supervisor == null) {
                    Path target = dataDirectory.resolve("bin", "flowrunner-supervisor.sh");
                    Files.createDirectories(target.getParent());
                    try (InputStream script = getClass().getResourceAsStream("supervisor.sh")) {
                        Files.copy(script, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    supervisor = target;
                }
            }
        }
        return supervisor;
    }

    /**
     * Nothing to do locally: a local worker of an ended run has ended too (its run's stop or end killed it or waited
     * for it), and its supervisor exits with it.
     */
    @Override
    public int removeLeftovers(Set<AttemptKey> liveWorkers) {
        // What a local worker leaves behind is its directory.
        Set<Path> live = liveWorkers.stream().map(this::attemptDirectory).collect(Collectors.toSet());
        int deleted = scratch.sweep(live, dir -> liveSupervisor(dir).isPresent(), Instant.now());
        if (deleted > 0) {
            LOG.info(() -> "deleted " + deleted + " local attempt director" + (deleted == 1 ? "y" : "ies")
                    + " whose files are stored and whose attempts have ended");
        }
        return 0;
    }

    @Override
    public Optional<String> launchBlocker() {
        return room.shortage();
    }

    /** Not ready while the data directory's disk is short of room: attempts wait meanwhile. */
    @Override
    public void probe() {
        room.shortage().ifPresent(shortage -> {
            throw new IllegalStateException(shortage);
        });
    }

    @Override
    public void release(Worker worker) {
        if (worker.logDirectory() == null) {
            return;
        }
        Path dir = Path.of(worker.logDirectory());
        // A worker still running (an outcome recorded by a server going down) keeps its directory to be re-attached.
        // A recorded exit code is its supervisor's last act: no need to read its pid and look it up in /proc.
        if (recordedExit(dir) || supervisorOf(worker).isEmpty()) {
            scratch.release(dir);
        }
    }

    private static boolean recordedExit(Path dir) {
        // java.io answers "no such file" with a zero length; an empty marker is one being written.
        return dir.resolve(EXIT_FILE).toFile().length() > 0;
    }

    @Override
    public void forgetRun(String runId) {
        scratch.forgetRun(runId);
    }

    @Override
    public WorkerState state(Worker worker) {
        return new WorkerState(supervisorOf(worker).isPresent() ? RUNNING_PHASE : "Ended", "local");
    }
}
