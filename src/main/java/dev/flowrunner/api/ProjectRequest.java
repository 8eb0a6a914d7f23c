package dev.flowrunner.api;

import dev.flowrunner.domain.PodOptions;

import java.util.List;
import java.util.Map;

/** Body of POST /api/projects and PUT /api/projects/{id}. */
public record ProjectRequest(String id, String name, List<String> command, String workingDirectory,
                             Map<String, String> testData, PodOptions pod, Map<String, SecretRequest> secrets) {
}
