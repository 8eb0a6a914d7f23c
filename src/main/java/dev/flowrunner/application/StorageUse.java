package dev.flowrunner.application;

import dev.flowrunner.configuration.DataDirectory;
import dev.flowrunner.domain.RecordStoreProbe;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What Flowrunner's stores hold now, for an operator to see what grows (and a soak benchmark to check that nothing
 * does): the data directory's bytes and files by top-level folder and the room left on its disk, the records per
 * collection, the batch job repository's rows per table.
 */
@ApplicationScoped
public class StorageUse {

    @Inject
    DataDirectory dataDirectory;
    @Inject
    RecordStoreProbe records;
    @Inject
    FlowJobs jobs;

    /**
     * @param folders by top-level folder of the data directory (attempts' scratch under {@code runs}, the embedded
     *                stores' files), its bytes and files
     */
    public record Figures(String dataDirectory, long usableBytes, Map<String, Folder> folders,
                          Map<String, Long> records, Map<String, Long> jobRepository) {
    }

    public record Folder(long bytes, long files) {
    }

    /** Walks the data directory: as long as it takes (the directory stays small where retention runs). */
    public Figures measure() {
        Path data = dataDirectory.path();
        var folders = new TreeMap<String, Folder>();
        long usable;
        try (Stream<Path> top = Files.list(data)) {
            for (Path folder : top.toList()) {
                folders.put(folder.getFileName().toString(), sizeOf(folder));
            }
            usable = Files.getFileStore(data).getUsableSpace();
        } catch (NoSuchFileException none) {
            usable = -1;
        } catch (IOException e) {
            throw new UncheckedIOException("the data directory " + data + " could not be read: " + e.getMessage(), e);
        }
        return new Figures(data.toString(), usable, folders, records.collectionSizes(), jobs.repositoryRowCounts());
    }

    private static Folder sizeOf(Path folder) throws IOException {
        long[] bytesAndFiles = new long[2];
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                bytesAndFiles[0] += attributes.size();
                bytesAndFiles[1]++;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException gone) {
                return FileVisitResult.CONTINUE; // deleted while walked
            }
        });
        return new Folder(bytesAndFiles[0], bytesAndFiles[1]);
    }
}
