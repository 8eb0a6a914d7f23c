package dev.flowrunner.domain;

/**
 * An ended attempt's Cucumber messages have just been stored under {@code key}, with these bytes (secrets masked
 * already): the run's report builds may keep them instead of reading them back. Offered only for messages small
 * enough to be read whole; nobody changes the array.
 */
public record AttemptMessagesStored(String runId, String key, byte[] content) {
}
