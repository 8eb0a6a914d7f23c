package dev.flowrunner.infrastructure.local;

import dev.flowrunner.application.CommandTemplate;
import dev.flowrunner.domain.Worker;
import dev.flowrunner.domain.WorkerExit;
import dev.flowrunner.domain.WorkerLauncher;
import dev.flowrunner.domain.WorkerSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs each attempt as a local process under Flowrunner's supervisor script; the embedded default worker.
 * The attempt's directory under the data directory receives stdout.log, stderr.log, the runner's results
 * ({@code FLOWRUNNER_RESULTS_DIR}) and the exit file.
 */
@ApplicationScoped
public class LocalProcessLauncher implements WorkerLauncher {

    static final String STDOUT = "stdout.log";
    static final String STDERR = "stderr.log";
    static final String EXIT_FILE = "exit";

    @Inject
    @ConfigProperty(name = "flowrunner.data.dir")
    String dataDir;
    @Inject
    @ConfigProperty(name = "flowrunner.local.kill-grace-seconds", defaultValue = "5")
    long killGraceSeconds;

    private final Map<String, Process> processes = new ConcurrentHashMap<>();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private volatile Path supervisor;

    @Override
    public Worker launch(WorkerSpec spec) {
        Path dir = Path.of(dataDir).resolve(spec.key().artifactPrefix());
        try {
            Files.createDirectories(dir);
            var values = new HashMap<>(spec.placeholders());
            values.put("resultsDir", dir.toString());
            var command = new ArrayList<>(List.of("sh", supervisor().toString(), dir.resolve(EXIT_FILE).toString()));
            command.addAll(CommandTemplate.render(spec.command(), values));
            var builder = new ProcessBuilder(command)
                    .redirectOutput(dir.resolve(STDOUT).toFile())
                    .redirectError(dir.resolve(STDERR).toFile());
            if (spec.workingDirectory() != null && !spec.workingDirectory().isBlank()) {
                builder.directory(Path.of(spec.workingDirectory()).toFile());
            }
            builder.environment().putAll(spec.environment());
            builder.environment().put("FLOWRUNNER_RESULTS_DIR", dir.toString());
            Process process = builder.start();
            process.getOutputStream().close();
            processes.put(spec.key().id(), process);
            return new Worker(spec.key(), "local-" + process.pid(), dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the worker of attempt " + spec.key().id() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public WorkerExit await(Worker worker, Duration timeout) throws InterruptedException {
        String id = worker.key().id();
        Process process = processes.get(id);
        if (process == null) {
            return new WorkerExit(WorkerExit.Kind.VANISHED, null);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTrees.kill(process.toHandle(), Duration.ofSeconds(killGraceSeconds));
                process.waitFor();
                return new WorkerExit(WorkerExit.Kind.TIMED_OUT, process.exitValue());
            }
            if (cancelled.remove(id)) {
                return new WorkerExit(WorkerExit.Kind.CANCELLED, process.exitValue());
            }
            return WorkerExit.exited(process.exitValue());
        } finally {
            if (!process.isAlive()) {
                processes.remove(id);
                cancelled.remove(id);
            }
        }
    }

    @Override
    public void cancel(Worker worker) {
        Process process = processes.get(worker.key().id());
        if (process != null && process.isAlive()) {
            cancelled.add(worker.key().id());
            ProcessTrees.kill(process.toHandle(), Duration.ofSeconds(killGraceSeconds));
        }
    }

    private Path supervisor() throws IOException {
        if (supervisor == null) {
            synchronized (this) {
                if (supervisor == null) {
                    Path target = Path.of(dataDir, "bin", "flowrunner-supervisor.sh");
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
}
