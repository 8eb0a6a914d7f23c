package dev.flowrunner.infrastructure.local;

import dev.flowrunner.configuration.DataDirectory;
import dev.flowrunner.domain.AttemptKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The local workers' directories under {@code <data dir>/runs/}, which are scratch, not a second store: an attempt's
 * directory (or a batch's) goes once both its files are in the artifact store and its outcome is recorded — whichever
 * comes second deletes it. Until its outcome is recorded a restarted server still needs it (to re-attach, or to read
 * the verdict of a worker that ended meanwhile); until its files are stored it holds the only copy.
 * <p>
 * What a crash left behind (a directory stored but never released) goes with the periodic sweep, once nothing has
 * touched it for {@link #GRACE}: a directory younger than that may belong to an attempt recorded after the sweep read
 * the records.
 */
@ApplicationScoped
public class LocalScratch {

    private static final Logger LOG = Logger.getLogger(LocalScratch.class.getName());
    /** How long a directory not known to be live is left alone by the sweep. */
    static final Duration GRACE = Duration.ofMinutes(2);
    /** runs/&lt;run&gt;/&lt;flow&gt;/&lt;group&gt;/&lt;scenario or batches&gt;/&lt;attempt or batch&gt; */
    private static final int WORKER_DIRECTORY_DEPTH = 5;

    private final Set<Path> releasedUnstored = new HashSet<>();
    private Path runsRoot;

    @Inject
    DataDirectory dataDirectory;

    protected LocalScratch() {
        // for CDI; the runs' root comes from the data directory
    }

    LocalScratch(Path runsRoot) {
        this.runsRoot = runsRoot;
    }

    private synchronized Path runsRoot() {
        if (runsRoot == null) {
            runsRoot = dataDirectory.resolve(AttemptKey.RUNS_ROOT);
        }
        return runsRoot;
    }

    /** The directory's outcome is recorded: it goes now if its files are stored, else once they are. */
    synchronized void release(Path dir) {
        if (AttemptResultsUpload.awaitsStoring(dir)) {
            releasedUnstored.add(dir);
        } else {
            delete(dir);
        }
    }

    /** The directory's files are in the artifact store: its marker goes, and so does the directory if released. */
    synchronized void stored(Path dir) throws IOException {
        if (releasedUnstored.remove(dir)) {
            delete(dir);
            return;
        }
        File marker = dir.resolve(AttemptResultsUpload.UNSTORED).toFile();
        if (!marker.delete() && marker.exists()) {
            throw new IOException("cannot delete " + marker);
        }
    }

    /** A deleted run's directories go whole, stored or not: nothing of the run is wanted any more. */
    synchronized void forgetRun(String runId) {
        Path runDir = runsRoot().resolve(runId);
        releasedUnstored.removeIf(dir -> dir.startsWith(runDir));
        deleteTree(runDir);
    }

    /**
     * Deletes the worker directories that no live attempt needs: not among {@code live}, not awaiting storing, not of
     * a running worker, and untouched for {@link #GRACE}; then the emptied directories above them.
     *
     * @param running whether a directory's worker still runs
     * @return how many worker directories were deleted
     */
    int sweep(Set<Path> live, Predicate<Path> running, Instant now) {
        Path runsRoot = runsRoot();
        if (!Files.isDirectory(runsRoot)) {
            return 0;
        }
        Instant touchedBefore = now.minus(GRACE);
        List<Path> unused;
        try (Stream<Path> walk = Files.walk(runsRoot, WORKER_DIRECTORY_DEPTH)) {
            unused = walk.filter(p -> runsRoot.relativize(p).getNameCount() == WORKER_DIRECTORY_DEPTH)
                    .filter(Files::isDirectory)
                    .filter(dir -> !live.contains(dir))
                    .filter(dir -> !AttemptResultsUpload.awaitsStoring(dir))
                    .filter(dir -> untouchedSince(dir, touchedBefore))
                    .filter(dir -> !running.test(dir))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            LOG.log(Level.WARNING, "the local attempt directories under " + runsRoot + " could not be swept", e);
            return 0;
        }
        synchronized (this) {
            unused.forEach(this::delete);
        }
        pruneEmpty(runsRoot, touchedBefore);
        return unused.size();
    }

    /** Directories above the worker directories (run, flow, group, scenario) that hold nothing any more. */
    private static void pruneEmpty(Path runsRoot, Instant touchedBefore) {
        try {
            // To the worker directories' depth: those at it are only visited as entries (they are not emptied here).
            Files.walkFileTree(runsRoot, Set.of(), WORKER_DIRECTORY_DEPTH, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failed) {
                    if (!dir.equals(runsRoot) && untouchedSince(dir, touchedBefore)) {
                        try {
                            // A worker may be creating its attempt directory under it right now: its supervisor
                            // (supervisor.sh), like Directories.create, makes the parents again if this removes one.
                            Files.delete(dir);
                        } catch (DirectoryNotEmptyException | NoSuchFileException inUse) {
                            // kept
                        } catch (IOException e) {
                            LOG.fine(() -> "cannot remove " + dir + ": " + e);
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.log(Level.FINE, "emptied directories under " + runsRoot + " stay", e);
        }
    }

    private static boolean untouchedSince(Path dir, Instant touchedBefore) {
        try {
            return Files.getLastModifiedTime(dir).toInstant().isBefore(touchedBefore);
        } catch (IOException gone) {
            return false;
        }
    }

    private void delete(Path dir) {
        releasedUnstored.remove(dir);
        deleteTree(dir);
        removeEmptiedParents(dir);
    }

    /**
     * The folders above a deleted worker directory (scenario, group, flow, run) go as soon as they hold nothing: left
     * for the periodic sweep, a suite's thousands of empty scenario folders made an idle server's sweep a burst of
     * directory removals. A worker creating a directory under one of them meanwhile makes it again (supervisor.sh,
     * Directories.create).
     */
    private void removeEmptiedParents(Path dir) {
        Path root = runsRoot();
        for (Path parent = dir.getParent(); parent != null && parent.startsWith(root) && !parent.equals(root);
             parent = parent.getParent()) {
            // java.io answers "not empty" with false: Files.delete builds an exception, stack trace and all, for the
            // group's folder after nearly every attempt.
            if (!parent.toFile().delete()) {
                return;
            }
        }
    }

    /**
     * A worker's directory is a handful of files, seldom a folder: each entry is removed as it is listed, and only
     * one that will not go as a file is looked into. A walk (Files.walkFileTree) asks each entry's attributes first,
     * one more system call per file for every attempt.
     */
    private static void deleteTree(Path dir) {
        if (!deleteTree(dir.toFile()) && dir.toFile().exists()) {
            LOG.warning(() -> "the local directory " + dir + " could not be deleted whole; the next sweep tries again");
        }
    }

    private static boolean deleteTree(File dir) {
        String[] names = dir.list();
        if (names == null) {
            return !dir.exists();
        }
        for (String name : names) {
            File entry = new File(dir, name);
            // A symbolic link goes as a file: what it points to is not the worker's.
            if (!entry.delete() && entry.isDirectory() && !Files.isSymbolicLink(entry.toPath())) {
                deleteTree(entry);
            }
        }
        return dir.delete();
    }
}
