package dev.flowrunner.api;

/**
 * One secret of a project request: a {@code value} (sealed at once, never shown again), a {@code secretRef} to an
 * existing Kubernetes Secret ("name/key"), or {@code keep: true} to keep the one stored under that name.
 */
public record SecretRequest(String value, String secretRef, Boolean keep) {
}
