package dev.flowrunner.configuration;

import java.time.Duration;
import java.util.Optional;

/**
 * The record store.
 *
 * @param uri        {@code flowrunner.mongodb.uri}: a MongoDB connection string; empty starts an embedded
 *                   mongo-java-server on an H2 file under the data directory
 * @param database   {@code jnosql.document.database} (JNoSQL reads the same key)
 * @param outageWait {@code flowrunner.mongodb.outage-wait-seconds}: how long an operation waits for a usable server,
 *                   so an outage shorter than this pauses runs instead of failing them
 */
public record MongoSettings(Optional<String> uri, String database, Duration outageWait) implements AreaSettings {

    public static MongoSettings read(SettingsSource source) {
        return new MongoSettings(source.optional("flowrunner.mongodb.uri"),
                source.text("jnosql.document.database", "flowrunner"),
                source.seconds("flowrunner.mongodb.outage-wait-seconds", 120, 1));
    }

    /** The URI may hold a password. */
    @Override
    public String toString() {
        return "MongoSettings[uri=" + uri.map(u -> "(set)").orElse("(embedded)") + ", database=" + database
                + ", outageWait=" + outageWait + "]";
    }
}
