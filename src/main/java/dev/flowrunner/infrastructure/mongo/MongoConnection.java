package dev.flowrunner.infrastructure.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import dev.flowrunner.configuration.DataDirectory;
import dev.flowrunner.configuration.MongoSettings;
import dev.flowrunner.domain.RecordStoreProbe;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.bson.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * The MongoDB server Flowrunner stores its records in: the one configured by {@code flowrunner.mongodb.uri}, or,
 * when none is, an embedded mongo-java-server keeping its data in an H2 file under the data directory. Resolved
 * as the application starts, before JNoSQL's first use. Also serves the driver API for atomic updates, which
 * JNoSQL's template lacks.
 */
@ApplicationScoped
public class MongoConnection implements RecordStoreProbe {

    private static final Logger LOG = Logger.getLogger(MongoConnection.class.getName());

    @Inject
    MongoSettings settings;
    @Inject
    DataDirectory dataDirectory;

    private MongoServer embedded;
    private MongoClient client;

    void resolveAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        String uri = MongoUris.withServerSelectionTimeout(settings.uri().orElseGet(this::startEmbedded),
                settings.outageWait().toSeconds());
        MongoUriConfigSource.publish(uri);
        client = MongoClients.create(uri);
    }

    private String startEmbedded() {
        Path file = dataDirectory.resolve("mongo", "flowrunner.mv");
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file.getParent(), e);
        }
        embedded = new MongoServer(new H2Backend(file.toString()));
        embedded.bind("127.0.0.1", 0);
        InetSocketAddress address = embedded.getLocalAddress();
        LOG.info(() -> "no flowrunner.mongodb.uri configured: embedded MongoDB (H2 file " + file + ") on " + address);
        return "mongodb://127.0.0.1:" + address.getPort();
    }

    /**
     * Fails when the driver knows no writable server. Reads the driver's own view of the cluster, kept current by
     * its heartbeat, so it answers at once instead of waiting out the server selection timeout.
     */
    @Override
    public void probe() {
        var cluster = client.getClusterDescription();
        if (!cluster.hasWritableServer()) {
            throw new IllegalStateException("no writable MongoDB server: " + cluster.getShortDescription());
        }
    }

    @Override
    public Map<String, Long> collectionSizes() {
        var database = client.getDatabase(settings.database());
        var sizes = new TreeMap<String, Long>();
        for (String name : database.listCollectionNames()) {
            sizes.put(name, database.getCollection(name).estimatedDocumentCount());
        }
        return sizes;
    }

    public MongoCollection<Document> collection(String name) {
        return client.getDatabase(settings.database()).getCollection(name);
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
        if (embedded != null) {
            embedded.shutdown();
        }
    }
}
