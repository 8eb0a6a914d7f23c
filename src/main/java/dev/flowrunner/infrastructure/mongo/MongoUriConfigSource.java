package dev.flowrunner.infrastructure.mongo;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;

/**
 * Hands JNoSQL the MongoDB URL that {@link MongoConnection} resolved (the configured one, or the embedded
 * server's), so that JNoSQL and the driver client always talk to the same server. JNoSQL reads it lazily, after
 * the application has started. Operators set {@code flowrunner.mongodb.uri}, never this key.
 */
public class MongoUriConfigSource implements ConfigSource {

    static final String JNOSQL_URL = "jnosql.mongodb.url";

    private static volatile String resolvedUri;

    static void publish(String uri) {
        resolvedUri = uri;
    }

    @Override
    public Set<String> getPropertyNames() {
        return resolvedUri == null ? Set.of() : Set.of(JNOSQL_URL);
    }

    @Override
    public Map<String, String> getProperties() {
        return resolvedUri == null ? Map.of() : Map.of(JNOSQL_URL, resolvedUri);
    }

    @Override
    public String getValue(String propertyName) {
        return JNOSQL_URL.equals(propertyName) ? resolvedUri : null;
    }

    @Override
    public String getName() {
        return "flowrunner-resolved-mongodb-uri";
    }

    @Override
    public int getOrdinal() {
        return 500;
    }
}
