package dev.flowrunner.infrastructure.collect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretMaskTest {

    @TempDir
    Path dir;

    @Test
    void everyFileLosesEveryValueTheLongestFirst() throws Exception {
        Files.writeString(dir.resolve("stdout.log"), "token=abcd1234 and abcd1234xyz, again abcd1234\n");
        Files.createDirectories(dir.resolve("deep"));
        Files.writeString(dir.resolve("deep/messages.ndjson"), "{\"message\":\"login with hunter22 failed\"}\n");
        Files.writeString(dir.resolve("clean.txt"), "nothing here");
        long untouched = Files.getLastModifiedTime(dir.resolve("clean.txt")).toMillis();

        new SecretMask(Set.of("abcd1234", "abcd1234xyz", "hunter22", "ab")).apply(dir);

        assertEquals("token=**** and ****, again ****\n", Files.readString(dir.resolve("stdout.log")));
        assertEquals("{\"message\":\"login with **** failed\"}\n", Files.readString(dir.resolve("deep/messages.ndjson")));
        assertEquals("nothing here", Files.readString(dir.resolve("clean.txt")), "too short a value is not masked");
        assertEquals(untouched, Files.getLastModifiedTime(dir.resolve("clean.txt")).toMillis());
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")));
        }
    }

    @Test
    void theCollectorMasksTheVariablesItIsToldOf() throws Exception {
        Files.writeString(dir.resolve("env.txt"), "SHOP_PASSWORD=pa55word-x\nLOCALE=de\n");
        Map<String, String> env = Map.of(SecretMask.MASKED_VARIABLES, "SHOP_PASSWORD, MISSING",
                "SHOP_PASSWORD", "pa55word-x", "LOCALE", "de");

        SecretMask.fromEnvironment(env::get).apply(dir);

        assertEquals("SHOP_PASSWORD=****\nLOCALE=de\n", Files.readString(dir.resolve("env.txt")));
    }
}
