package dev.flowrunner.api;

import java.util.Map;

/** Optional body of POST /api/executions/{id}/runs: test data for this run only, over the saved values. */
public record RunRequest(Map<String, String> testData) {
}
