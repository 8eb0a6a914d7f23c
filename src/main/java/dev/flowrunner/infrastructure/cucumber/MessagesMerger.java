package dev.flowrunner.infrastructure.cucumber;

import dev.flowrunner.domain.CucumberReportFormatter.LeftOut;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
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
 * <p>
 * A scenario goes into the merged stream whole or not at all: its messages are held back until every one of them has
 * been read as the formatters will read it and everything they refer to (its feature file's Gherkin document, the
 * glue of its steps) is in the stream. The report formatters fail on the first dangling reference — one scenario
 * whose pickle pointed at a document that was not there blanked the whole HTML report — so a scenario that cannot
 * be placed is left out and named ({@link #leftOut()}).
 */
final class MessagesMerger {

    static final String TEST_RUN_STARTED_ID = "flowrunner-test-run";
    /** Looked up once: {@code Json.createXxx} searches the class path for a provider on every call. */
    static final JsonProvider JSON = JsonProvider.provider();

    private static final Set<String> DEFINITIONS = Set.of("stepDefinition", "hook", "parameterType");
    private static final Set<String> EXECUTION_EVENTS = Set.of("testCaseStarted", "testStepStarted", "testStepFinished",
            "attachment", "externalAttachment", "testCaseFinished");

    private final Consumer<MergedMessage> out;
    private final Set<String> sources = new HashSet<>();
    /** Per feature file, its kept copy's node ids by "line:column". */
    private final Map<String, Map<String, String>> astNodeIdsByUri = new HashMap<>();
    /** Feature files with a copy of their Gherkin document the formatters could not read (a later copy may do). */
    private final Set<String> unreadableDocuments = new HashSet<>();
    private final Map<String, String> definitionIds = new HashMap<>();
    /** The merged ids of the step definitions and hooks in the stream. */
    private final Set<String> writtenDefinitions = new HashSet<>();
    private final Set<String> undefinedParameterTypes = new HashSet<>();
    private final List<LeftOut> leftOut = new ArrayList<>();
    private boolean metaWritten;
    private int attemptCounter;
    private int scenarios;

    MessagesMerger(Consumer<MergedMessage> out) {
        this.out = out;
    }

    /** How many scenarios made it into the merged stream (those with at least one test case). */
    int scenarios() {
        return scenarios;
    }

    /** The scenarios with test cases that could not be placed in the merged stream, and why. */
    List<LeftOut> leftOut() {
        return List.copyOf(leftOut);
    }

    void testRunStarted(long epochMillis) {
        write(envelope("testRunStarted", JSON.createObjectBuilder().add("id", TEST_RUN_STARTED_ID)
                .add("timestamp", timestamp(epochMillis))));
    }

    void testRunFinished(long epochMillis, boolean success) {
        write(envelope("testRunFinished", JSON.createObjectBuilder().add("testRunStartedId", TEST_RUN_STARTED_ID)
                .add("timestamp", timestamp(epochMillis)).add("success", success)));
    }

    /**
     * Adds one scenario of the run.
     *
     * @param scenarioKey names the scenario if it has to be left out
     * @param attempts the message lines (NDJSON) of each of its attempts, oldest first; none for an attempt that left
     *                 none. Lines are parsed only when needed: most of a runner's output (the pickles of scenarios it
     *                 did not run, glue already known) is never parsed.
     */
    void scenario(String scenarioKey, List<List<String>> attempts) {
        List<AttemptStream> streams = attempts.stream()
                .map(lines -> new AttemptStream("a" + (++attemptCounter) + ".", lines.stream().map(Message::new).toList()))
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
        latest.latest = true;
        var held = new ArrayList<MergedMessage>();
        String unplaced;
        try {
            Map<String, TestCaseShape> canonical = writeTestCases(latest, held);
            for (AttemptStream stream : streams) {
                if (stream != latest) {
                    mapOnto(stream, canonical);
                }
            }
            var attemptsOfTestCase = new HashMap<String, Integer>();
            for (AttemptStream stream : streams) {
                replayEvents(stream, attemptsOfTestCase, held);
            }
            unplaced = held.isEmpty() ? "none of its test cases has a pickle in its messages" : null;
        } catch (Unplaceable e) {
            unplaced = e.getMessage();
        }
        if (unplaced != null) {
            leftOut.add(new LeftOut(scenarioKey, unplaced));
            return;
        }
        scenarios++;
        held.forEach(out);
    }

    /** Writes a message every scenario shares; false if the formatters could not read it (then it is not written). */
    private boolean write(JsonObject message) {
        MergedMessage read = MergedMessage.read(message);
        if (read == null) {
            return false;
        }
        out.accept(read);
        return true;
    }

    /** Holds back one of a scenario's own messages until the whole scenario is known to fit. */
    private static void hold(JsonObject message, List<MergedMessage> held) {
        MergedMessage read = MergedMessage.read(message);
        if (read == null) {
            throw new Unplaceable("the report formatters cannot read its " + message.keySet().iterator().next()
                    + " message");
        }
        held.add(read);
    }

    private void registerSharedDefinitions(AttemptStream stream) {
        for (Message message : stream.messages) {
            switch (message.type) {
                case "meta" -> {
                    if (!metaWritten && message.envelope() != null) {
                        metaWritten = write(message.envelope());
                    }
                }
                case "source" -> {
                    if (message.body() != null && sources.add(message.body().getString("uri", ""))) {
                        write(message.envelope());
                    }
                }
                case "gherkinDocument" -> {
                    if (message.body() != null) {
                        registerDocument(stream, message.body());
                    }
                }
                case "testRunStarted" -> {
                    String id = message.firstId();
                    if (id != null) {
                        stream.ids.put(id, TEST_RUN_STARTED_ID);
                    }
                }
                case "undefinedParameterType" -> {
                    if (undefinedParameterTypes.add(message.line) && message.envelope() != null) {
                        write(message.envelope());
                    }
                }
                case "pickle" -> stream.pickleLines.add(message);
                case "testCase" -> {
                    if (message.body() != null) {
                        stream.testCases.add(message.body());
                    }
                }
                default -> {
                    if (DEFINITIONS.contains(message.type)) {
                        registerDefinition(stream, message);
                    }
                }
            }
        }
    }

    private void registerDocument(AttemptStream stream, JsonObject document) {
        String uri = document.getString("uri", "");
        Map<String, String> kept = astNodeIdsByUri.get(uri);
        if (kept == null) {
            JsonObject renamed = (JsonObject) stream.rename(GherkinDocuments.completed(document));
            if (!write(envelope("gherkinDocument", JSON.createObjectBuilder(renamed)))) {
                unreadableDocuments.add(uri);
                return;
            }
            var locations = new HashMap<String, String>();
            collectNodeIds(renamed, locations);
            astNodeIdsByUri.put(uri, locations);
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

    /** Equal definitions (same text but for the id) become one; only a definition not seen before is parsed. */
    private void registerDefinition(AttemptStream stream, Message definition) {
        String id = definition.firstId();
        if (id == null) {
            return;
        }
        String identity = definition.line.replace("\"id\":\"" + id + "\"", "");
        String kept = definitionIds.get(identity);
        if (kept != null) {
            stream.ids.put(id, kept);
            return;
        }
        if (definition.body() == null) {
            return;
        }
        JsonObject renamed = (JsonObject) stream.rename(definition.body());
        definitionIds.put(identity, renamed.getString("id"));
        if (write(envelope(definition.type, JSON.createObjectBuilder(renamed)))) {
            writtenDefinitions.add(renamed.getString("id"));
        }
    }

    /** Holds the latest attempt's pickles and test cases; returns each test case's shape by its pickle's nodes. */
    private Map<String, TestCaseShape> writeTestCases(AttemptStream latest, List<MergedMessage> held) {
        var shapes = new LinkedHashMap<String, TestCaseShape>();
        for (JsonObject testCase : latest.testCases) {
            JsonObject pickle = latest.pickle(testCase.getString("pickleId", ""));
            if (pickle == null) {
                continue;
            }
            JsonObject renamedPickle = (JsonObject) latest.rename(pickle);
            JsonObject renamedCase = (JsonObject) latest.rename(testCase);
            checkPlaced(renamedPickle, renamedCase);
            hold(envelope("pickle", JSON.createObjectBuilder(renamedPickle)), held);
            hold(envelope("testCase", JSON.createObjectBuilder(renamedCase)), held);
            List<String> stepIds = renamedCase.getJsonArray("testSteps").getValuesAs(JsonObject.class).stream()
                    .map(s -> s.getString("id")).toList();
            var shape = new TestCaseShape(renamedCase.getString("id"), stepIds);
            shapes.put(renamedPickle.getJsonArray("astNodeIds").toString(), shape);
            shapes.putIfAbsent(sourceKey(pickle), shape);
            latest.mappedTestCases.add(renamedCase.getString("id"));
        }
        return shapes;
    }

    /** Everything a pickle and its test case refer to outside themselves must be in the merged stream already. */
    private void checkPlaced(JsonObject pickle, JsonObject testCase) {
        String uri = pickle.getString("uri", "");
        Map<String, String> document = astNodeIdsByUri.get(uri);
        if (document == null) {
            throw new Unplaceable((unreadableDocuments.contains(uri)
                    ? "the report formatters cannot read the Gherkin document of " : "its messages lack the Gherkin document of ")
                    + uri);
        }
        Set<String> nodes = new HashSet<>(document.values());
        for (JsonValue node : pickle.getJsonArray("astNodeIds")) {
            if (!(node instanceof JsonString id) || !nodes.contains(id.getString())) {
                throw new Unplaceable("its pickle refers to a part of " + uri + " its Gherkin document lacks");
            }
        }
        for (JsonObject step : testCase.getJsonArray("testSteps").getValuesAs(JsonObject.class)) {
            var glue = new ArrayList<JsonValue>();
            if (step.get("hookId") instanceof JsonString hook) {
                glue.add(hook);
            }
            if (step.get("stepDefinitionIds") instanceof JsonArray definitions) {
                glue.addAll(definitions);
            }
            for (JsonValue definition : glue) {
                if (!(definition instanceof JsonString id) || !writtenDefinitions.contains(id.getString())) {
                    throw new Unplaceable("a step of its test case refers to glue its messages do not define");
                }
            }
        }
    }

    /** Points an earlier attempt's test case and steps at the latest attempt's: same scenario, same step order. */
    private static void mapOnto(AttemptStream earlier, Map<String, TestCaseShape> canonical) {
        for (JsonObject testCase : earlier.testCases) {
            JsonObject pickle = earlier.pickle(testCase.getString("pickleId", ""));
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

    private static void replayEvents(AttemptStream stream, Map<String, Integer> attemptsOfTestCase,
                                     List<MergedMessage> held) {
        boolean lastTry = stream.latest;
        var openTestCases = new LinkedHashMap<String, JsonObject>();
        JsonObject lastTimestamp = null;
        for (Message message : stream.messages) {
            String type = message.type;
            if (!EXECUTION_EVENTS.contains(type) || message.body() == null) {
                continue;
            }
            JsonObject body = (JsonObject) stream.rename(message.body());
            if (!belongsToMappedTestCase(stream, type, body)) {
                continue;
            }
            if (body.get("timestamp") instanceof JsonObject at) {
                lastTimestamp = at;
            }
            JsonObjectBuilder rewritten = JSON.createObjectBuilder(body);
            if (type.equals("testCaseStarted")) {
                int attempt = attemptsOfTestCase.merge(body.getString("testCaseId"), 1, Integer::sum) - 1;
                rewritten.add("attempt", attempt);
                stream.startedTestCases.add(body.getString("id"));
                openTestCases.put(body.getString("id"), body);
            } else if (type.equals("testCaseFinished")) {
                openTestCases.remove(body.getString("testCaseStartedId"));
                rewritten.add("willBeRetried", !lastTry || body.getBoolean("willBeRetried", false));
            }
            hold(envelope(type, rewritten), held);
        }
        if (!lastTry && lastTimestamp != null) {
            // An earlier try that was cut off (crash, kill) still ends, as a retried one.
            for (String started : openTestCases.keySet()) {
                hold(envelope("testCaseFinished", JSON.createObjectBuilder().add("testCaseStartedId", started)
                        .add("timestamp", lastTimestamp).add("willBeRetried", true)), held);
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
        return step == null || stream.latest || stream.mappedSteps.contains(step);
    }

    /** One line of a runner's NDJSON, parsed on first use; a line that cannot be read reads as null. */
    private static final class Message {
        private static final String ID_FIELD = "\"id\":\"";

        final String line;
        final String type;
        private JsonObject envelope;
        private boolean parsed;

        Message(String line) {
            this.line = line;
            // Runners write compact NDJSON: {"<type>":{…}}. Anything else is parsed to find out.
            int end = line.startsWith("{\"") ? line.indexOf('"', 2) : -1;
            this.type = end > 2 ? line.substring(2, end) : typeParsed();
        }

        private String typeParsed() {
            JsonObject read = envelopeOf(line);
            return read == null ? "" : read.keySet().iterator().next();
        }

        JsonObject envelope() {
            if (!parsed) {
                parsed = true;
                JsonObject read = envelopeOf(line);
                envelope = read != null && read.get(type) instanceof JsonObject ? read : null;
            }
            return envelope;
        }

        private static JsonObject envelopeOf(String line) {
            try (var reader = JSON.createReader(new StringReader(line))) {
                JsonObject read = reader.readObject();
                return read.size() == 1 ? read : null;
            } catch (JsonException | IllegalStateException unreadable) {
                return null; // a line cut short by a killed runner, or not a message
            }
        }

        JsonObject body() {
            return envelope() == null ? null : envelope.getJsonObject(type);
        }

        /** The first id in the line: a definition's or a test run's own (the only id they carry). */
        String firstId() {
            int start = line.indexOf(ID_FIELD);
            int end = start < 0 ? -1 : line.indexOf('"', start + ID_FIELD.length());
            return end < 0 ? null : line.substring(start + ID_FIELD.length(), end);
        }
    }

    private static JsonObject envelope(String type, JsonObjectBuilder body) {
        return JSON.createObjectBuilder().add(type, body).build();
    }

    private static JsonObjectBuilder timestamp(long epochMillis) {
        return JSON.createObjectBuilder().add("seconds", Math.floorDiv(epochMillis, 1000))
                .add("nanos", (int) Math.floorMod(epochMillis, 1000) * 1_000_000);
    }

    private record TestCaseShape(String testCaseId, List<String> stepIds) {
    }

    private static final class Unplaceable extends RuntimeException {
        Unplaceable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** One attempt's messages and how its ids read in the merged stream. */
    private static final class AttemptStream {
        final List<Message> messages;
        final Ids ids;
        final List<Message> pickleLines = new ArrayList<>();
        final List<JsonObject> testCases = new ArrayList<>();
        final Set<String> mappedTestCases = new HashSet<>();
        final Set<String> mappedSteps = new HashSet<>();
        final Set<String> startedTestCases = new HashSet<>();
        /** The scenario's latest attempt: its steps are the merged test case's own, every other's are mapped. */
        boolean latest;

        AttemptStream(String namespace, List<Message> messages) {
            this.ids = new Ids(namespace);
            this.messages = messages;
        }

        /** A runner reports the pickles of every scenario in its feature files; only those it ran are parsed. */
        JsonObject pickle(String pickleId) {
            String marker = "\"" + pickleId + "\"";
            for (Message pickle : pickleLines) {
                if (pickle.line.contains(marker) && pickle.body() != null
                        && pickle.body().getString("id", "").equals(pickleId)) {
                    return pickle.body();
                }
            }
            return null;
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
                JsonObjectBuilder builder = JSON.createObjectBuilder();
                object.forEach((name, child) -> builder.add(name, rename(child, name)));
                return builder.build();
            }
            if (value instanceof JsonArray array) {
                JsonArrayBuilder builder = JSON.createArrayBuilder();
                array.forEach(child -> builder.add(rename(child, field)));
                return builder.build();
            }
            if (value instanceof JsonString string && isIdField(field)) {
                return JSON.createValue(of(string.getString()));
            }
            return value;
        }

        private static boolean isIdField(String field) {
            return field != null && (field.equals("id") || field.endsWith("Id") || field.endsWith("Ids"));
        }
    }
}
