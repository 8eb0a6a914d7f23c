package dev.flowrunner.infrastructure.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * Which process supervises an attempt: its pid and start time, kept in the attempt's directory so that a restarted
 * server can find it. The start time guards against the pid having been reused by an unrelated process.
 */
record SupervisorRecord(long pid, long startedAtMillis) {

    static SupervisorRecord of(ProcessHandle process) {
        return new SupervisorRecord(process.pid(), startMillis(process));
    }

    void write(Path file) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, pid + " " + startedAtMillis + "\n");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the supervisor in " + file, e);
        }
    }

    static Optional<SupervisorRecord> read(Path file) {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String[] fields = Files.readString(file).trim().split(" ");
            return Optional.of(new SupervisorRecord(Long.parseLong(fields[0]), Long.parseLong(fields[1])));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The supervisor, if it still runs (and is still the same process). */
    Optional<ProcessHandle> liveProcess() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> startMillis(p) == startedAtMillis);
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
