package dev.flowrunner.domain;

import java.nio.file.Path;

/**
 * An ended attempt's Cucumber messages have just been stored under {@code key} from {@code file}, a local copy with
 * the same bytes (secrets masked already): the run's report builds may keep them instead of reading them back.
 */
public record AttemptMessagesStored(String runId, String key, Path file) {
}
