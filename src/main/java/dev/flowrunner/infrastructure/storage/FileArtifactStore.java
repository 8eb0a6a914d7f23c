package dev.flowrunner.infrastructure.storage;

import dev.flowrunner.domain.ArtifactStore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded default: artifacts as files below a root directory, the key being the relative path. Writes go to a
 * temporary file first and are moved into place, so a reader never sees half a file.
 */
public class FileArtifactStore implements ArtifactStore {

    /** Less room than this and nothing but the smallest file fits. */
    private static final long FULL_BELOW_BYTES = 1024 * 1024;

    private final Path root;

    public FileArtifactStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The root is made on first use; a store that cannot make it, or write in it, is not usable. */
    @Override
    public void probe() {
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("the artifact directory " + root + " cannot be created", e);
        }
        if (!Files.isWritable(root)) {
            throw new IllegalStateException("the artifact directory " + root + " is not writable");
        }
        try {
            FileStore disk = Files.getFileStore(root);
            if (disk.getUsableSpace() < FULL_BELOW_BYTES) {
                throw new IllegalStateException("the artifact directory " + root + " is on a full disk (" + disk.name()
                        + ", " + disk.getUsableSpace() / 1024 + " KB free): results wait in the data directory to be"
                        + " stored");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the disk of the artifact directory " + root + " cannot be read", e);
        }
    }

    @Override
    public void put(String key, Path file, String contentType) {
        write(key, tmp -> Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING));
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        write(key, tmp -> Files.write(tmp, content));
    }

    private interface TempFileWriter {
        void writeTo(Path tmp) throws IOException;
    }

    private void write(String key, TempFileWriter writer) {
        Path target = resolve(key);
        try {
            Directories.create(target.getParent());
            Path tmp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            writer.writeTo(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + key, e);
        }
    }

    @Override
    public Optional<InputStream> open(String key) {
        try {
            return Optional.of(Files.newInputStream(resolve(key)));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
    }

    /** Files are served through Flowrunner: a directory has no links of its own to hand out. */
    @Override
    public Optional<URI> link(String key, Duration lifetime) {
        ArtifactKeys.check(key);
        return Optional.empty();
    }

    @Override
    public List<String> list(String prefix) {
        String checked = ArtifactKeys.checkPrefix(prefix);
        Path dir = checked.isEmpty() ? root : root.resolve(checked);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith(".upload-"))
                    .map(f -> root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + prefix, e);
        }
    }

    @Override
    public int deletePrefix(String prefix) {
        List<String> keys = list(prefix);
        String checked = ArtifactKeys.checkPrefix(prefix);
        Path dir = checked.isEmpty() ? root : root.resolve(checked);
        if (Files.isDirectory(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    if (!path.equals(root)) {
                        Files.deleteIfExists(path);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + prefix, e);
            }
        }
        return keys.size();
    }

    private Path resolve(String key) {
        return root.resolve(ArtifactKeys.check(key));
    }
}
