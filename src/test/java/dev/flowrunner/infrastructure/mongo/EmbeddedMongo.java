package dev.flowrunner.infrastructure.mongo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/** An in-memory MongoDB (mongo-java-server, over the wire protocol) and a connection to it, for one adapter test. */
final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(H2Backend.inMemory());
    final MongoConnection connection = MongoTestConnections.connection(server.bindAndGetConnectionString());

    @Override
    public void close() {
        connection.close();
        server.shutdown();
    }
}
