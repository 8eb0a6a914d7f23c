package dev.flowrunner.infrastructure.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DirectoriesTest {

    @TempDir
    Path root;

    @Test
    void createsEveryMissingLevel() throws IOException {
        Path attempt = root.resolve("runs/r1/flow/g01/scenario/attempt-1");

        Directories.create(attempt);

        assertTrue(Files.isDirectory(attempt));
    }

    @Test
    void aDirectoryThatIsThereAlreadyIsFine() throws IOException {
        Path attempt = root.resolve("scenario/attempt-2");
        Files.createDirectories(attempt);

        Directories.create(attempt);

        assertTrue(Files.isDirectory(attempt));
    }

    @Test
    void aFileInTheWayIsAClearError() throws IOException {
        Files.writeString(root.resolve("scenario"), "not a directory");

        IOException error = assertThrows(IOException.class,
                () -> Directories.create(root.resolve("scenario/attempt-1")));

        assertTrue(error.getMessage().contains("scenario"), error.getMessage());
    }
}
