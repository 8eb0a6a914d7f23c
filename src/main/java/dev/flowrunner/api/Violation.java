package dev.flowrunner.api;

/** One problem with a request: which field (as a JSON path) and what is wrong with it. */
public record Violation(String field, String message) {
}
