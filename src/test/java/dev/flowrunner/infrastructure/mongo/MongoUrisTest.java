package dev.flowrunner.infrastructure.mongo;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MongoUrisTest {

    @Test
    void theOutageWaitIsAddedWhereverTheUriLeavesRoomForOptions() {
        assertEquals("mongodb://127.0.0.1:27017/?serverSelectionTimeoutMS=120000",
                MongoUris.withServerSelectionTimeout("mongodb://127.0.0.1:27017", 120));
        assertEquals("mongodb://a:1,b:2/flowrunner?serverSelectionTimeoutMS=60000",
                MongoUris.withServerSelectionTimeout("mongodb://a:1,b:2/flowrunner", 60));
        assertEquals("mongodb+srv://u:p@cluster.example/?tls=true&serverSelectionTimeoutMS=60000",
                MongoUris.withServerSelectionTimeout("mongodb+srv://u:p@cluster.example/?tls=true", 60));
    }

    @Test
    void anOperatorsOwnTimeoutIsKept() {
        String own = "mongodb://db:27017/?replicaSet=rs0&serverSelectionTimeoutMS=5000";
        assertEquals(own, MongoUris.withServerSelectionTimeout(own, 120));
    }
}
