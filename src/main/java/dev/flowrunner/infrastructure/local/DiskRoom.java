package dev.flowrunner.infrastructure.local;

import dev.flowrunner.configuration.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the data directory's disk has the room Flowrunner keeps free there ({@code flowrunner.data.min-free-mb}):
 * local workers write every attempt's files there, and a file cut short by a full disk would make an attempt's
 * verdict a guess.
 */
@ApplicationScoped
public class DiskRoom {

    @Inject
    DataDirectory dataDirectory;
    /** Found once: finding a path's file store reads the mount table; asking it for its room is one statfs. */
    private volatile FileStore disk;

    protected DiskRoom() {
        // for CDI
    }

    DiskRoom(DataDirectory dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** Why there is not enough room, naming the disk; empty when there is. Asked before and after every attempt. */
    public Optional<String> shortage() {
        try {
            FileStore store = disk();
            long usable = store.getUsableSpace();
            if (usable >= dataDirectory.minFreeBytes()) {
                return Optional.empty();
            }
            return Optional.of("the data directory " + dataDirectory.path() + " (disk " + store.name() + ") has "
                    + megabytes(usable) + " free, less than the " + megabytes(dataDirectory.minFreeBytes())
                    + " Flowrunner keeps free there (flowrunner.data.min-free-mb): local attempts wait for room");
        } catch (IOException e) {
            return Optional.of("the data directory " + dataDirectory.path() + " cannot be read: " + e.getMessage());
        }
    }

    private FileStore disk() throws IOException {
        FileStore found = disk;
        if (found == null) {
            Path existing = dataDirectory.path();
            while (!Files.exists(existing) && existing.getParent() != null) {
                existing = existing.getParent(); // not made yet: it will be on its parent's disk
            }
            found = Files.getFileStore(existing);
            // Only once the directory exists: before that, its parent's disk may not be the one it is made on.
            if (existing.equals(dataDirectory.path())) {
                disk = found;
            }
        }
        return found;
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
