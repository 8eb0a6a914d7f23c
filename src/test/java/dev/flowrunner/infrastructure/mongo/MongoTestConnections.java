package dev.flowrunner.infrastructure.mongo;

import java.time.Duration;
import java.nio.file.Path;
import dev.flowrunner.configuration.MongoSettings;
import dev.flowrunner.configuration.DataDirectory;
import dev.flowrunner.domain.ScenarioHistoryRepository;

import java.util.Optional;

/** The driver-based MongoDB adapters over a given server, without a container: for tests of the code above them. */
public final class MongoTestConnections {

    private MongoTestConnections() {
    }

    public static MongoScheduleRepository scheduleRepository(String uri) {
        var repository = new MongoScheduleRepository();
        repository.mongo = connection(uri);
        return repository;
    }

    public static MongoScenarioHistoryRepository scenarioHistoryRepository(String uri) {
        var repository = new MongoScenarioHistoryRepository();
        repository.mongo = connection(uri);
        return repository;
    }

    /** Closes the driver client a repository made here, so tests leave no connection threads behind. */
    public static void close(MongoScheduleRepository repository) {
        repository.mongo.close();
    }

    public static void close(ScenarioHistoryRepository repository) {
        ((MongoScenarioHistoryRepository) repository).mongo.close();
    }

    /** A connection to the given server, resolved as at application start-up; close it after the test. */
    static MongoConnection connection(String uri) {
        var connection = new MongoConnection();
        connection.settings = new MongoSettings(Optional.of(uri), "flowrunner", Duration.ofSeconds(120));
        connection.dataDirectory = new DataDirectory(Path.of(System.getProperty("java.io.tmpdir")));
        connection.resolveAtStartup(new Object());
        return connection;
    }
}
