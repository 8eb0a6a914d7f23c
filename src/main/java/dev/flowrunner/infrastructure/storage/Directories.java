package dev.flowrunner.infrastructure.storage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Makes a directory and its missing parents without exceptions on the way, for paths made once per attempt or per
 * stored file. {@link java.nio.file.Files#createDirectories} learns of a missing parent, and of a directory that is
 * there already, from exceptions built with the caller's whole stack, which cost as much as the {@code mkdir} calls
 * themselves. {@link File#mkdir} answers with a boolean instead.
 */
public final class Directories {

    private Directories() {
    }

    public static void create(Path dir) throws IOException {
        // Twice: the removal of emptied local attempt folders may take a parent between its making and the child's.
        try {
            create(dir.toFile());
        } catch (IOException parentRemoved) {
            create(dir.toFile());
        }
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
