package dev.flowrunner.infrastructure.local;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Creates an attempt's directory, and its scenario's on the first attempt, without exceptions on the way.
 * {@link java.nio.file.Files#createDirectories} first tries the attempt's directory and learns of the missing scenario
 * directory from a {@code NoSuchFileException}, built with the whole stack of a batch thread: in a profile of
 * instant scenarios that exception and the next one while walking up cost as much as the two {@code mkdir} calls
 * themselves. {@link File#mkdir} answers with a boolean instead.
 */
final class AttemptDirectories {

    private AttemptDirectories() {
    }

    static void create(Path dir) throws IOException {
        create(dir.toFile());
    }

    private static void create(File dir) throws IOException {
        if (dir.mkdir() || dir.isDirectory()) {
            return;
        }
        File parent = dir.getParentFile();
        if (parent != null) {
            create(parent);
        }
        if (!dir.mkdir() && !dir.isDirectory()) {
            throw new IOException("cannot create the directory " + dir);
        }
    }
}
