package dev.flowrunner.infrastructure.mongo;

import java.time.Duration;
import dev.flowrunner.configuration.MongoSettings;
import dev.flowrunner.configuration.DataDirectory;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MongoConnectionTest {

    @TempDir
    Path dataDir;

    private MongoConnection connection;
    private MongoServer external;

    @AfterEach
    void close() {
        if (connection != null) {
            connection.close();
        }
        if (external != null) {
            external.shutdown();
        }
        MongoUriConfigSource.publish(null);
    }

    @Test
    void withAConfiguredUriItUsesThatServerAndStartsNoEmbeddedOne() {
        external = new MongoServer(H2Backend.inMemory());
        String uri = external.bindAndGetConnectionString();

        connection = start(Optional.of(uri));
        connection.collection("probe").insertOne(new Document("_id", "p1"));

        assertEquals(MongoUris.withServerSelectionTimeout(uri, 120),
                new MongoUriConfigSource().getValue("jnosql.mongodb.url"), "JNoSQL gets the same server");
        assertFalse(Files.exists(dataDir.resolve("mongo")), "no embedded store was created");
        try (var client = com.mongodb.client.MongoClients.create(uri)) {
            assertEquals(1, client.getDatabase("flowrunner").getCollection("probe").countDocuments());
        }
    }

    @Test
    void withoutAUriItStartsAnEmbeddedServerWhoseDataSurvivesARestart() {
        connection = start(Optional.empty());
        connection.collection("probe").insertOne(new Document("_id", "kept"));
        String uri = new MongoUriConfigSource().getValue("jnosql.mongodb.url");
        assertTrue(uri.startsWith("mongodb://127.0.0.1:"), uri);
        connection.close();

        connection = start(Optional.of(" ").filter(s -> !s.isBlank()));

        assertTrue(Files.isRegularFile(dataDir.resolve("mongo/flowrunner.mv")));
        assertEquals("kept", connection.collection("probe").find().first().getString("_id"));
    }

    private MongoConnection start(Optional<String> uri) {
        var mongo = new MongoConnection();
        mongo.settings = new MongoSettings(uri, "flowrunner", Duration.ofSeconds(120));
        mongo.dataDirectory = new DataDirectory(dataDir);
        mongo.resolveAtStartup(new Object());
        return mongo;
    }
}
