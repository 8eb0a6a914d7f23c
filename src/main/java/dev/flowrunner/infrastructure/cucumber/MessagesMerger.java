package dev.flowrunner.infrastructure.cucumber;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Merges the Cucumber message streams of many runner processes (one per attempt) into the one stream of a single
 * test run, so the official formatters show each scenario once with all its attempts.
 * <p>
 * Every process parses the same feature files and registers the same glue, under random ids of its own. The merged
 * stream keeps the first process's copy of each feature file and maps later copies onto it by source location;
 * equal step definitions and hooks become one; every other id is namespaced per attempt. A scenario's latest attempt
 * gives its pickle and test case; earlier attempts are replayed as earlier tries of that test case
 * ({@code attempt} 0, 1, …, {@code willBeRetried}), which is how Cucumber itself reports retries.
 * <p>
 * Scenarios are fed one at a time, so memory stays bounded by one scenario's messages plus a map per feature file.
 */
final class MessagesMerger {

    static final String TEST_RUN_STARTED_ID = "flowrunner-test-run";

    private static final Set<String> DEFINITIONS = Set.of("stepDefinition", "hook", "parameterType");
    private static final Set<String> EXECUTION_EVENTS = Set.of("testCaseStarted", "testStepStarted", "testStepFinished",
            "attachment", "externalAttachment", "testCaseFinished");

    private final Consumer<JsonObject> out;
    private final Set<String> sources = new HashSet<>();
    /** Per feature file, its kept copy's node ids by "line:column". */
    private final Map<String, Map<String, String>> astNodeIdsByUri = new HashMap<>();
    private final Map<String, String> definitionIds = new HashMap<>();
    private final Set<String> undefinedParameterTypes = new HashSet<>();
    private boolean metaWritten;
    private int attemptCounter;
    private int scenarios;

    MessagesMerger(Consumer<JsonObject> out) {
        this.out = out;
    }

    /** How many scenarios made it into the merged stream (those with at least one test case). */
    int scenarios() {
        return scenarios;
    }

    void testRunStarted(long epochMillis) {
        out.accept(envelope("testRunStarted", Json.createObjectBuilder().add("id", TEST_RUN_STARTED_ID)
                .add("timestamp", timestamp(epochMillis))));
    }

    void testRunFinished(long epochMillis, boolean success) {
        out.accept(envelope("testRunFinished", Json.createObjectBuilder().add("testRunStartedId", TEST_RUN_STARTED_ID)
                .add("timestamp", timestamp(epochMillis)).add("success", success)));
    }

    /**
     * Adds one scenario of the run.
     *
     * @param attempts the messages of each of its attempts, oldest first; an attempt that left none is an empty list
     */
    void scenario(List<List<JsonObject>> attempts) {
        List<AttemptStream> streams = attempts.stream().map(m -> new AttemptStream("a" + (++attemptCounter) + ".", m))
                .toList();
        streams.forEach(this::registerSharedDefinitions);
        AttemptStream latest = null;
        for (AttemptStream stream : streams) {
            if (!stream.testCases.isEmpty()) {
                latest = stream;
            }
        }
        if (latest == null) {
            return;
        }
        scenarios++;
        Map<String, TestCaseShape> canonical = writeTestCases(latest);
        for (AttemptStream stream : streams) {
            if (stream != latest) {
                mapOnto(stream, canonical);
            }
        }
        var attemptsOfTestCase = new HashMap<String, Integer>();
        for (AttemptStream stream : streams) {
            replayEvents(stream, stream == latest, attemptsOfTestCase);
        }
    }

    private void registerSharedDefinitions(AttemptStream stream) {
        for (JsonObject envelope : stream.messages) {
            String type = typeOf(envelope);
            JsonObject body = envelope.getJsonObject(type);
            switch (type) {
                case "meta" -> {
                    if (!metaWritten) {
                        metaWritten = true;
                        out.accept(envelope);
                    }
                }
                case "source" -> {
                    if (sources.add(body.getString("uri", ""))) {
                        out.accept(envelope);
                    }
                }
                case "gherkinDocument" -> registerDocument(stream, body);
                case "testRunStarted" -> stream.ids.put(body.getString("id", ""), TEST_RUN_STARTED_ID);
                case "undefinedParameterType" -> {
                    if (undefinedParameterTypes.add(body.toString())) {
                        out.accept(envelope);
                    }
                }
                case "pickle" -> stream.pickles.put(body.getString("id", ""), body);
                case "testCase" -> stream.testCases.add(body);
                default -> {
                    if (DEFINITIONS.contains(type)) {
                        registerDefinition(stream, type, body);
                    }
                }
            }
        }
    }

    private void registerDocument(AttemptStream stream, JsonObject document) {
        String uri = document.getString("uri", "");
        Map<String, String> kept = astNodeIdsByUri.get(uri);
        if (kept == null) {
            JsonObject renamed = (JsonObject) stream.rename(document);
            var locations = new HashMap<String, String>();
            collectNodeIds(renamed, locations);
            astNodeIdsByUri.put(uri, locations);
            out.accept(envelope("gherkinDocument", Json.createObjectBuilder(renamed)));
            return;
        }
        var own = new HashMap<String, String>();
        collectNodeIds(document, own);
        own.forEach((location, id) -> {
            String keptId = kept.get(location);
            if (keptId != null) {
                stream.ids.put(id, keptId);
            }
        });
    }

    /** Every Gherkin node with an id also has a location; the location is what two parses of one file share. */
    private static void collectNodeIds(JsonValue value, Map<String, String> idsByLocation) {
        if (value instanceof JsonObject object) {
            if (object.get("id") instanceof JsonString id && object.get("location") instanceof JsonObject location) {
                idsByLocation.put(location.getInt("line", 0) + ":" + location.getInt("column", 0), id.getString());
            }
            object.values().forEach(v -> collectNodeIds(v, idsByLocation));
        } else if (value instanceof JsonArray array) {
            array.forEach(v -> collectNodeIds(v, idsByLocation));
        }
    }

    private void registerDefinition(AttemptStream stream, String type, JsonObject body) {
        String id = body.getString("id", null);
        if (id == null) {
            return;
        }
        String identity = type + Json.createObjectBuilder(body).remove("id").build();
        String kept = definitionIds.get(identity);
        if (kept != null) {
            stream.ids.put(id, kept);
            return;
        }
        JsonObject renamed = (JsonObject) stream.rename(body);
        definitionIds.put(identity, renamed.getString("id"));
        out.accept(envelope(type, Json.createObjectBuilder(renamed)));
    }

    /** Writes the latest attempt's pickles and test cases; returns each test case's shape by its pickle's nodes. */
    private Map<String, TestCaseShape> writeTestCases(AttemptStream latest) {
        var shapes = new LinkedHashMap<String, TestCaseShape>();
        for (JsonObject testCase : latest.testCases) {
            JsonObject pickle = latest.pickles.get(testCase.getString("pickleId", ""));
            if (pickle == null) {
                continue;
            }
            JsonObject renamedPickle = (JsonObject) latest.rename(pickle);
            JsonObject renamedCase = (JsonObject) latest.rename(testCase);
            out.accept(envelope("pickle", Json.createObjectBuilder(renamedPickle)));
            out.accept(envelope("testCase", Json.createObjectBuilder(renamedCase)));
            List<String> stepIds = renamedCase.getJsonArray("testSteps").getValuesAs(JsonObject.class).stream()
                    .map(s -> s.getString("id")).toList();
            var shape = new TestCaseShape(renamedCase.getString("id"), stepIds);
            shapes.put(renamedPickle.getJsonArray("astNodeIds").toString(), shape);
            shapes.putIfAbsent(sourceKey(pickle), shape);
            latest.mappedTestCases.add(renamedCase.getString("id"));
        }
        return shapes;
    }

    /** Points an earlier attempt's test case and steps at the latest attempt's: same scenario, same step order. */
    private static void mapOnto(AttemptStream earlier, Map<String, TestCaseShape> canonical) {
        for (JsonObject testCase : earlier.testCases) {
            JsonObject pickle = earlier.pickles.get(testCase.getString("pickleId", ""));
            if (pickle == null) {
                continue;
            }
            // By the feature file's nodes when both processes reported the document, else by where the pickle is.
            TestCaseShape shape = canonical.get(earlier.ids.rename(pickle.getJsonArray("astNodeIds"), "astNodeIds")
                    .toString());
            if (shape == null) {
                shape = canonical.get(sourceKey(pickle));
            }
            if (shape == null) {
                continue;
            }
            earlier.ids.put(testCase.getString("id"), shape.testCaseId());
            earlier.mappedTestCases.add(shape.testCaseId());
            List<JsonObject> steps = testCase.getJsonArray("testSteps").getValuesAs(JsonObject.class);
            for (int i = 0; i < steps.size() && i < shape.stepIds().size(); i++) {
                earlier.ids.put(steps.get(i).getString("id"), shape.stepIds().get(i));
                earlier.mappedSteps.add(shape.stepIds().get(i));
            }
        }
    }

    private static String sourceKey(JsonObject pickle) {
        JsonObject location = pickle.getJsonObject("location");
        return pickle.getString("uri", "") + "|" + pickle.getString("name", "") + "|"
                + (location == null ? "" : location.getInt("line", 0));
    }

    private void replayEvents(AttemptStream stream, boolean lastTry, Map<String, Integer> attemptsOfTestCase) {
        var openTestCases = new LinkedHashMap<String, JsonObject>();
        JsonObject lastTimestamp = null;
        for (JsonObject envelope : stream.messages) {
            String type = typeOf(envelope);
            if (!EXECUTION_EVENTS.contains(type)) {
                continue;
            }
            JsonObject body = (JsonObject) stream.rename(envelope.getJsonObject(type));
            if (!belongsToMappedTestCase(stream, type, body)) {
                continue;
            }
            if (body.get("timestamp") instanceof JsonObject at) {
                lastTimestamp = at;
            }
            JsonObjectBuilder rewritten = Json.createObjectBuilder(body);
            if (type.equals("testCaseStarted")) {
                int attempt = attemptsOfTestCase.merge(body.getString("testCaseId"), 1, Integer::sum) - 1;
                rewritten.add("attempt", attempt);
                stream.startedTestCases.add(body.getString("id"));
                openTestCases.put(body.getString("id"), body);
            } else if (type.equals("testCaseFinished")) {
                openTestCases.remove(body.getString("testCaseStartedId"));
                rewritten.add("willBeRetried", !lastTry || body.getBoolean("willBeRetried", false));
            }
            out.accept(envelope(type, rewritten));
        }
        if (!lastTry && lastTimestamp != null) {
            // An earlier try that was cut off (crash, kill) still ends, as a retried one.
            for (String started : openTestCases.keySet()) {
                out.accept(envelope("testCaseFinished", Json.createObjectBuilder().add("testCaseStartedId", started)
                        .add("timestamp", lastTimestamp).add("willBeRetried", true)));
            }
        }
    }

    private static boolean belongsToMappedTestCase(AttemptStream stream, String type, JsonObject body) {
        if (type.equals("testCaseStarted")) {
            return stream.mappedTestCases.contains(body.getString("testCaseId", ""));
        }
        String testCaseStarted = body.getString("testCaseStartedId", null);
        if (testCaseStarted == null || !stream.startedTestCases.contains(testCaseStarted)) {
            return false;
        }
        String step = body.getString("testStepId", null);
        return step == null || stream.isLatestShape() || stream.mappedSteps.contains(step);
    }

    private static String typeOf(JsonObject envelope) {
        return envelope.keySet().iterator().next();
    }

    private static JsonObject envelope(String type, JsonObjectBuilder body) {
        return Json.createObjectBuilder().add(type, body).build();
    }

    private static JsonObjectBuilder timestamp(long epochMillis) {
        return Json.createObjectBuilder().add("seconds", Math.floorDiv(epochMillis, 1000))
                .add("nanos", (int) Math.floorMod(epochMillis, 1000) * 1_000_000);
    }

    private record TestCaseShape(String testCaseId, List<String> stepIds) {
    }

    /** One attempt's messages and how its ids read in the merged stream. */
    private static final class AttemptStream {
        final List<JsonObject> messages;
        final Ids ids;
        final Map<String, JsonObject> pickles = new HashMap<>();
        final List<JsonObject> testCases = new ArrayList<>();
        final Set<String> mappedTestCases = new HashSet<>();
        final Set<String> mappedSteps = new HashSet<>();
        final Set<String> startedTestCases = new HashSet<>();

        AttemptStream(String namespace, List<JsonObject> messages) {
            this.ids = new Ids(namespace);
            this.messages = messages;
        }

        /** The latest attempt's own steps need no mapping; an earlier one's are checked against the mapping. */
        boolean isLatestShape() {
            return mappedSteps.isEmpty();
        }

        JsonValue rename(JsonValue value) {
            return ids.rename(value, null);
        }
    }

    /** Renames ids: explicitly mapped ones (shared nodes and definitions), others prefixed with the namespace. */
    private static final class Ids {
        private final String namespace;
        private final Map<String, String> mapped = new HashMap<>();

        Ids(String namespace) {
            this.namespace = namespace;
        }

        void put(String own, String merged) {
            mapped.put(own, merged);
        }

        String of(String own) {
            String explicit = mapped.get(own);
            return explicit != null ? explicit : namespace + own;
        }

        JsonValue rename(JsonValue value, String field) {
            if (value instanceof JsonObject object) {
                JsonObjectBuilder builder = Json.createObjectBuilder();
                object.forEach((name, child) -> builder.add(name, rename(child, name)));
                return builder.build();
            }
            if (value instanceof JsonArray array) {
                JsonArrayBuilder builder = Json.createArrayBuilder();
                array.forEach(child -> builder.add(rename(child, field)));
                return builder.build();
            }
            if (value instanceof JsonString string && isIdField(field)) {
                return Json.createValue(of(string.getString()));
            }
            return value;
        }

        private static boolean isIdField(String field) {
            return field != null && (field.equals("id") || field.endsWith("Id") || field.endsWith("Ids"));
        }
    }
}
