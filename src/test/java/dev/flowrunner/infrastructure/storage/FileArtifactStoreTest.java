package dev.flowrunner.infrastructure.storage;

import dev.flowrunner.domain.ArtifactStore;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class FileArtifactStoreTest extends ArtifactStoreContract {

    @TempDir
    Path root;

    @Override
    ArtifactStore store() {
        return new FileArtifactStore(root);
    }

    @Override
    int largeFileBytes() {
        return 12 * 1024 * 1024;
    }

    @Override
    boolean givesLinks() {
        return false;
    }
}
