package dev.flowrunner.configuration;

import java.nio.file.Path;

/**
 * {@code flowrunner.data.dir} (a Liberty variable, {@code ${server.output.dir}/flowrunner-data} by default): the
 * server's own files — attempts' directories, the supervisor script, the embedded MongoDB file, a generated secrets
 * key.
 *
 * @param minFreeBytes {@code flowrunner.data.min-free-mb}: the room kept free on its disk. Below it, local workers
 *                     are not launched (their attempts wait) and readiness is DOWN: an attempt whose files could not
 *                     be written whole would be judged on a guess, and the embedded stores need room to write.
 */
public record DataDirectory(Path path, long minFreeBytes) implements AreaSettings {

    static final String KEY = "flowrunner.data.dir";
    static final long DEFAULT_MIN_FREE_MB = 256;

    public DataDirectory(Path path) {
        this(path, DEFAULT_MIN_FREE_MB * 1024 * 1024);
    }

    public static DataDirectory read(SettingsSource source) {
        return new DataDirectory(Path.of(source.required(KEY)),
                source.wholeNumber("flowrunner.data.min-free-mb", DEFAULT_MIN_FREE_MB, 0) * 1024 * 1024);
    }

    public Path resolve(String first, String... more) {
        return path.resolve(Path.of(first, more));
    }
}
