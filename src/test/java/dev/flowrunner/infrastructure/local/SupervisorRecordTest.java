package dev.flowrunner.infrastructure.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupervisorRecordTest {

    @TempDir
    Path dir;

    @Test
    void aPidNowUsedByAnotherProcessIsNotTheSupervisor() throws Exception {
        // This test's own JVM stands for an unrelated process that was given the supervisor's pid.
        Path record = Files.writeString(dir.resolve("supervisor.pid"), ProcessHandle.current().pid() + "\n");

        assertTrue(SupervisorRecord.read(record).orElseThrow().liveProcess(dir.resolve("exit")).isEmpty());
    }

    @Test
    void anEmptyRecordIsNoRecordAndAnEarlierServersRecordStillReads() throws Exception {
        assertTrue(SupervisorRecord.read(Files.writeString(dir.resolve("empty"), "")).isEmpty());
        assertTrue(SupervisorRecord.read(dir.resolve("absent")).isEmpty());
        assertEquals(42, SupervisorRecord.read(Files.writeString(dir.resolve("old"), "42 1700000000000\n"))
                .orElseThrow().pid());
    }
}
