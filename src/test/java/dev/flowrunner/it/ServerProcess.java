package dev.flowrunner.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/** A Liberty server under test, as an operating-system process the crash tests kill and start again. */
final class ServerProcess {

    private static final Path WLP = Path.of(System.getProperty("flowrunner.it.wlp", "target/liberty/wlp"));
    static final ServerProcess IT_SERVER = new ServerProcess(System.getProperty("flowrunner.it.server", "flowrunner-it"));

    private final String name;
    private final Map<String, String> environment;

    ServerProcess(String name) {
        this(name, Map.of());
    }

    /** @param environment for its start script, such as JVM_ARGS */
    ServerProcess(String name, Map<String, String> environment) {
        this.name = name;
        this.environment = Map.copyOf(environment);
    }

    /** The running server's process id, from Liberty's pid file. */
    long pid() throws IOException {
        return Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/" + name + ".pid")).trim());
    }

    /** SIGKILL: no shutdown hook, no clean stop, exactly like a crash. */
    void kill() throws Exception {
        long pid = pid();
        ProcessHandle server = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("server not running"));
        server.destroyForcibly();
        server.onExit().get(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Kubernetes ends a pod and a service manager stops a service: Liberty's orderly shutdown. */
    void terminate() throws Exception {
        ProcessHandle server = ProcessHandle.of(pid()).orElseThrow(() -> new AssertionError("server not running"));
        server.destroy();
        server.onExit().get(60, TimeUnit.SECONDS);
    }

    /** Starts the server again and waits until it answers. */
    void start(FlowrunnerClient client) throws IOException, InterruptedException {
        launch();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> client.get("/api/projects").status() == 200);
    }

    /** Runs Liberty's start script, which returns once the server process is up (not yet answering). */
    void launch() throws IOException, InterruptedException {
        var command = new ProcessBuilder(List.of(WLP.resolve("bin/server").toString(), "start", name))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        command.environment().putAll(environment);
        Process start = command.start();
        if (!start.waitFor(120, TimeUnit.SECONDS) || start.exitValue() != 0) {
            throw new AssertionError("server start failed with " + start.exitValue());
        }
    }
}
