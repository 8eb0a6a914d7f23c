package dev.flowrunner.configuration;

import java.nio.file.Path;

/**
 * {@code flowrunner.data.dir} (a Liberty variable, {@code ${server.output.dir}/flowrunner-data} by default): the
 * server's own files — attempts' directories, the supervisor script, the embedded MongoDB file, a generated secrets
 * key.
 */
public record DataDirectory(Path path) implements AreaSettings {

    static final String KEY = "flowrunner.data.dir";

    public static DataDirectory read(SettingsSource source) {
        return new DataDirectory(Path.of(source.required(KEY)));
    }

    public Path resolve(String first, String... more) {
        return path.resolve(Path.of(first, more));
    }
}
