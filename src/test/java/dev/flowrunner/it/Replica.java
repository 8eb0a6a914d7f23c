package dev.flowrunner.it;

import jakarta.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One replica of the high-availability test server: the shared server configuration started with an output
 * directory and ports of its own, so that replicas have the same batch server identity, as a Deployment's pods do.
 */
final class Replica {

    private static final Path WLP = Path.of(System.getProperty("flowrunner.it.wlp", "target/liberty/wlp"));
    private static final String SERVER = System.getProperty("flowrunner.ha.server", "flowrunner-ha");
    private static final Path OUTPUT = Path.of(System.getProperty("flowrunner.ha.output", "target/it-ha"));

    private final String identity;
    private final int httpPort;
    private final int httpsPort;

    Replica(String identity, int httpPort, int httpsPort) {
        this.identity = identity;
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
    }

    /** The replicas the build configured: their ports are listed in flowrunner.ha.http.ports / https.ports. */
    static List<Replica> configured() {
        String[] http = System.getProperty("flowrunner.ha.http.ports", "9580,9581").split(",");
        String[] https = System.getProperty("flowrunner.ha.https.ports", "9944,9945").split(",");
        return List.of(new Replica("ha-a", Integer.parseInt(http[0]), Integer.parseInt(https[0])),
                new Replica("ha-b", Integer.parseInt(http[1]), Integer.parseInt(https[1])));
    }

    String identity() {
        return identity;
    }

    String url() {
        return "http://localhost:" + httpPort;
    }

    FlowrunnerClient client() {
        return new FlowrunnerClient(url());
    }

    /** What its readiness check says: {@code leader} or {@code standby} (null while it does not answer). */
    String role() {
        try {
            var ready = client().get("/health/ready");
            if (ready.status() != 200) {
                return null;
            }
            return ready.json().getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                    .filter(c -> c.getString("name").equals("start-up-recovery"))
                    .map(c -> c.getJsonObject("data").getString("role")).findFirst().orElse(null);
        } catch (RuntimeException notAnswering) {
            return null;
        }
    }

    /** Starts it and waits until it answers. */
    void start() throws IOException, InterruptedException {
        Files.createDirectories(output());
        var command = new ProcessBuilder(List.of(WLP.resolve("bin/server").toString(), "start", SERVER))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        command.environment().putAll(Map.of("WLP_OUTPUT_DIR", output().toAbsolutePath().toString(),
                "JVM_ARGS", "-Dhttp.port=" + httpPort + " -Dhttps.port=" + httpsPort
                        + " -Dflowrunner.leader-election.identity=" + identity));
        Process start = command.start();
        if (!start.waitFor(120, TimeUnit.SECONDS) || start.exitValue() != 0) {
            throw new AssertionError(identity + ": server start failed with " + start.exitValue());
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> client().get("/api/projects").status() == 200);
    }

    /** SIGKILL, like a crash or a lost node. */
    void kill() throws Exception {
        ProcessHandle server = process();
        server.destroyForcibly();
        server.onExit().get(30, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the process is frozen (a long GC pause, a stalled VM) until {@link #resume}. */
    void pause() throws Exception {
        signal("-STOP");
    }

    void resume() throws Exception {
        signal("-CONT");
    }

    boolean isRunning() {
        try {
            return process().isAlive();
        } catch (IOException | AssertionError gone) {
            return false;
        }
    }

    /** SIGTERM, as Kubernetes deletes a pod: Liberty's orderly shutdown (a minute at most, then SIGKILL). */
    void stop() throws Exception {
        if (isRunning()) {
            ProcessHandle server = process();
            server.destroy();
            try {
                server.onExit().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                server.destroyForcibly();
                server.onExit().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Its messages.log, for what a failure needs explained. */
    Path log() {
        return output().resolve(SERVER).resolve("logs/messages.log");
    }

    private void signal(String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process().pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill " + signal + " failed");
        }
    }

    private ProcessHandle process() throws IOException {
        long pid = Long.parseLong(Files.readString(output().resolve(".pid/" + SERVER + ".pid")).trim());
        return ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(identity + " is not running"));
    }

    private Path output() {
        return OUTPUT.resolve(identity);
    }

    @Override
    public String toString() {
        return identity;
    }
}
