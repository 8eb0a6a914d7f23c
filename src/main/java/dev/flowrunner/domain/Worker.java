package dev.flowrunner.domain;

/**
 * A launched attempt.
 *
 * @param id           the worker's name (process id locally, pod name in Kubernetes)
 * @param logDirectory where its results and logs land
 */
public record Worker(AttemptKey key, String id, String logDirectory) {
}
