package dev.flowrunner.domain;

import java.util.Map;

/**
 * Tells whether the database that holds Flowrunner's records (projects, executions, runs, attempts) can be written
 * now. Readiness asks it; it answers at once, from what the database client already knows.
 */
public interface RecordStoreProbe {

    /** @throws IllegalStateException naming why, when no writable server is known */
    void probe();

    /** How many records each of its collections holds, for operators watching them grow (or not). */
    Map<String, Long> collectionSizes();
}
