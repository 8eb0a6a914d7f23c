package dev.flowrunner.infrastructure.cucumber;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.Set;

import static dev.flowrunner.infrastructure.cucumber.MessagesMerger.JSON;

/**
 * Gherkin documents as the messages schema requires them. Gherkin's Markdown dialect reads a first heading without a
 * keyword ({@code # Command line interface}) as a feature with no keyword, and cucumber-js writes it without one; the
 * schema, and so the formatters' reader, requires a keyword on every feature, rule, background, scenario and
 * examples table. An empty one is what such a heading has.
 */
final class GherkinDocuments {

    private static final Set<String> KEYWORDED = Set.of("feature", "rule", "background", "scenario", "examples");

    private GherkinDocuments() {
    }

    static JsonObject completed(JsonObject document) {
        return needsKeyword(document, null) ? (JsonObject) withKeywords(document, null) : document;
    }

    /** Most documents are complete: checked first, so that only an incomplete one is copied. */
    private static boolean needsKeyword(JsonValue value, String field) {
        if (value instanceof JsonObject object) {
            if (field != null && KEYWORDED.contains(field) && !object.containsKey("keyword")) {
                return true;
            }
            return object.entrySet().stream().anyMatch(member -> needsKeyword(member.getValue(), member.getKey()));
        }
        return value instanceof JsonArray array && array.stream().anyMatch(item -> needsKeyword(item, field));
    }

    private static JsonValue withKeywords(JsonValue value, String field) {
        if (value instanceof JsonObject object) {
            JsonObjectBuilder builder = JSON.createObjectBuilder();
            object.forEach((name, child) -> builder.add(name, withKeywords(child, name)));
            if (field != null && KEYWORDED.contains(field) && !object.containsKey("keyword")) {
                builder.add("keyword", "");
            }
            return builder.build();
        }
        if (value instanceof JsonArray array) {
            var builder = JSON.createArrayBuilder();
            array.forEach(item -> builder.add(withKeywords(item, field)));
            return builder.build();
        }
        return value;
    }
}
