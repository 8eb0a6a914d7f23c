package dev.flowrunner.it;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Builds execution bodies for the fixture runner: a scenario's name carries the fixture's directives
 * ({@code sleep=1 fail}, see src/test/fixtures/scenario-runner.sh).
 */
final class Plans {

    private Plans() {
    }

    static JsonObjectBuilder execution(String name, JsonArrayBuilder flows) {
        return Json.createObjectBuilder().add("name", name).add("retries", 0).add("scenarioTimeoutSeconds", 60)
                .add("flows", flows);
    }

    static JsonObjectBuilder flow(String key, JsonObjectBuilder... groups) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (JsonObjectBuilder group : groups) {
            array.add(group);
        }
        return Json.createObjectBuilder().add("key", key).add("name", key).add("groups", array);
    }

    static JsonObjectBuilder group(String name, int parallelism, JsonObjectBuilder... scenarios) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (JsonObjectBuilder scenario : scenarios) {
            array.add(scenario);
        }
        return Json.createObjectBuilder().add("name", name).add("parallelism", parallelism).add("scenarios", array);
    }

    static JsonObjectBuilder scenario(String key, String directives) {
        return Json.createObjectBuilder().add("key", key).add("feature", "features/fixture.feature")
                .add("name", directives);
    }

    static JsonObject single(String name, JsonObjectBuilder... flows) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (JsonObjectBuilder flow : flows) {
            array.add(flow);
        }
        return execution(name, array).build();
    }
}
