package dev.flowrunner.it;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MongoDB for the integration tests: mongo-java-server (MongoDB wire protocol, H2 file) in a process of its own,
 * as MongoDB is in production, so that killing the Flowrunner server cannot lose database writes.
 * Started by the build before the test server; usage: MongoStandIn PORT H2_FILE [keep [PID]]. It starts empty
 * unless told to keep the file (a restart after an outage), leaves its pid in H2_FILE.pid for the outage test, and
 * ends with process PID when given one (the build that started the tests), as the build's own stand-ins do.
 */
public final class MongoStandIn {

    private MongoStandIn() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]);
        Files.createDirectories(file.getParent());
        if (args.length < 3 || !args[2].equals("keep")) {
            Files.deleteIfExists(file);
        }
        Files.writeString(Path.of(file + ".pid"), Long.toString(ProcessHandle.current().pid()));
        var server = new MongoServer(new H2Backend(file.toString()));
        server.bind("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown));
        if (args.length > 3) {
            ProcessHandle.of(Long.parseLong(args[3])).ifPresentOrElse(
                    build -> build.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
        }
        System.out.println("MongoDB stand-in listening on 127.0.0.1:" + port + " (" + file + ")");
        Thread.currentThread().join();
    }
}
