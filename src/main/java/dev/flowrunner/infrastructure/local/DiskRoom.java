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

    protected DiskRoom() {
        // for CDI
    }

    DiskRoom(DataDirectory dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** Why there is not enough room, naming the disk; empty when there is. */
    public Optional<String> shortage() {
        try {
            Path existing = dataDirectory.path();
            while (!Files.exists(existing) && existing.getParent() != null) {
                existing = existing.getParent(); // not made yet: it will be on its parent's disk
            }
            FileStore disk = Files.getFileStore(existing);
            long usable = disk.getUsableSpace();
            if (usable >= dataDirectory.minFreeBytes()) {
                return Optional.empty();
            }
            return Optional.of("the data directory " + dataDirectory.path() + " (disk " + disk.name() + ") has "
                    + megabytes(usable) + " free, less than the " + megabytes(dataDirectory.minFreeBytes())
                    + " Flowrunner keeps free there (flowrunner.data.min-free-mb): local attempts wait for room");
        } catch (IOException e) {
            return Optional.of("the data directory " + dataDirectory.path() + " cannot be read: " + e.getMessage());
        }
    }

    private static String megabytes(long bytes) {
        return String.format("%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
