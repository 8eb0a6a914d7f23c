package dev.flowrunner.infrastructure.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Which process supervises an attempt, as the supervisor records it in the attempt's directory when it starts
 * (supervisor.sh), so that a restarted server can find it. Written by the supervisor rather than by the server: a
 * server that crashed just after starting it still leaves it findable, and creating a file is some of the CPU the
 * server spends on a short scenario. A pid may have been reused by an unrelated process since: the process found must
 * still be the supervisor of this attempt, which names the attempt's exit file among its arguments.
 */
record SupervisorRecord(long pid) {

    /** Empty when there is no record, or only part of one (its single write not yet done). */
    static Optional<SupervisorRecord> read(Path file) {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            // A server of an earlier version wrote the supervisor's start time after its pid.
            String[] fields = Files.readString(file).trim().split(" ");
            return Optional.of(new SupervisorRecord(Long.parseLong(fields[0])));
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** The supervisor of the attempt whose exit file is {@code exitFile}, if it still runs. */
    Optional<ProcessHandle> liveProcess(Path exitFile) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> supervises(p, exitFile));
    }

    /** Where the system does not tell a process's arguments, its pid is trusted. */
    private static boolean supervises(ProcessHandle process, Path exitFile) {
        return process.info().arguments().map(args -> Arrays.asList(args).contains(exitFile.toString()))
                .orElse(true);
    }
}
