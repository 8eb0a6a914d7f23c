package dev.flowrunner.infrastructure.cucumber;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static dev.flowrunner.infrastructure.cucumber.MessagesMerger.JSON;

/**
 * Splits the messages one runner process writes for a batch of scenarios into one stream per scenario, while they
 * are written: fed line by line, it hands out a scenario's stream the moment its last test case finishes.
 * <p>
 * A test case belongs to the batch scenario its pickle stands for: same feature file, and the pickle's line (a plain
 * scenario's, an outline example row's) or the line of the scenario or outline it comes from — a location naming an
 * outline runs all its rows, and they all belong to it. A scenario's stream is a valid stream of its own: the run's
 * meta, its feature file's source and Gherkin document, its pickles, the glue, the test run's start, its test cases
 * and everything that happened to them, each line as the runner wrote it.
 * <p>
 * cucumber-js writes every pickle, every piece of glue and every test case before the first test case starts, so
 * when a test case starts it is known how many test cases each scenario has.
 */
public final class BatchMessages {

    private static final Set<String> SHARED = Set.of("meta", "stepDefinition", "hook", "parameterType",
            "undefinedParameterType", "testRunStarted");

    /**
     * One scenario of the batch.
     *
     * @param line its line in its feature file, null when it is selected by name
     */
    public record Scenario(String key, String feature, Integer line, String name) {
    }

    /**
     * A scenario's own messages: every test case it has in the batch, finished.
     *
     * @param startedAt when its first test case started, as the runner wrote it (null if it did not say)
     * @param endedAt   when its last test case finished, likewise
     */
    public record ScenarioStream(String scenarioKey, List<String> lines, Instant startedAt, Instant endedAt) {
    }

    private final List<Scenario> scenarios;
    private final Consumer<ScenarioStream> finished;
    private final List<String> shared = new ArrayList<>();
    private final Map<String, String> sourceByUri = new HashMap<>();
    private final Map<String, String> documentByUri = new HashMap<>();
    /** Lines of the scenario and outline nodes of each Gherkin document, by node id. */
    private final Map<String, Integer> nodeLines = new HashMap<>();
    private final Map<String, Pickle> pickles = new HashMap<>();
    private final Map<String, Progress> progressByTestCase = new HashMap<>();
    private final Map<String, Progress> progressByStarted = new HashMap<>();
    private final Map<String, Progress> progress = new LinkedHashMap<>();
    private final Set<String> done = new LinkedHashSet<>();
    private Instant firstStart;

    /** @param finished called with each scenario's stream as soon as all its test cases have finished */
    public BatchMessages(List<Scenario> scenarios, Consumer<ScenarioStream> finished) {
        this.scenarios = List.copyOf(scenarios);
        this.finished = finished;
    }

    /** Takes the next line the runner wrote; a line that cannot be read (cut short by a kill) is skipped. */
    public void accept(String line) {
        String type = CucumberMessagesReader.type(line);
        if (type == null || line.isBlank()) {
            return;
        }
        if (SHARED.contains(type)) {
            shared.add(line);
            return;
        }
        switch (type) {
            case "source" -> {
                String uri = stringField(line, "uri");
                if (uri != null) {
                    sourceByUri.putIfAbsent(uri, line);
                }
            }
            case "gherkinDocument", "pickle", "testCase" -> definition(type, line);
            case "testRunFinished" -> {
                // Each scenario's stream ends with its last test case: the batch's end is not its end.
            }
            default -> event(type, line);
        }
    }

    /** The scenarios at least one of whose test cases has started, and not all finished. */
    public Set<String> unfinished() {
        var unfinished = new LinkedHashSet<String>();
        progress.forEach((key, p) -> {
            if (p.started > 0 && !done.contains(key)) {
                unfinished.add(key);
            }
        });
        return unfinished;
    }

    /**
     * The scenarios a test case of which runs now, with when it started (as the runner wrote it, or when it was read
     * if the runner gave no time): what a scenario's timeout is measured from.
     */
    public Map<String, Instant> running() {
        var running = new LinkedHashMap<String, Instant>();
        progress.forEach((key, p) -> {
            if (p.started > p.finished + p.retried && !done.contains(key)) {
                running.put(key, p.currentStart);
            }
        });
        return running;
    }

    /** When the batch's first test case started, as the runner wrote it; empty until one has. */
    public Optional<Instant> firstTestCaseStarted() {
        return Optional.ofNullable(firstStart);
    }

    /** The scenarios whose streams were handed out. */
    public Set<String> finished() {
        return Set.copyOf(done);
    }

    /** The scenarios none of whose test cases started (the runner never reached them, or found none for them). */
    public List<String> notStarted() {
        return scenarios.stream().map(Scenario::key)
                .filter(key -> !progress.containsKey(key) || progress.get(key).started == 0).toList();
    }

    private void definition(String type, String line) {
        JsonObject body = body(type, line);
        if (body == null) {
            return;
        }
        switch (type) {
            case "gherkinDocument" -> {
                documentByUri.putIfAbsent(body.getString("uri", ""), line);
                collectNodeLines(body);
            }
            case "pickle" -> pickles.put(body.getString("id", ""), new Pickle(line, body));
            default -> testCase(line, body);
        }
    }

    private void testCase(String line, JsonObject testCase) {
        Pickle pickle = pickles.get(testCase.getString("pickleId", ""));
        Scenario scenario = pickle == null ? null : scenarioOf(pickle);
        if (scenario == null) {
            return;
        }
        Progress p = progress.computeIfAbsent(scenario.key(), key -> new Progress(key, pickle.uri()));
        p.pickles.add(pickle.line());
        p.testCases.add(line);
        progressByTestCase.put(testCase.getString("id", ""), p);
    }

    private void event(String type, String line) {
        if (!type.equals("testCaseStarted") && !type.equals("testCaseFinished")) {
            // A step's events and attachments (which may be large) need only their test case: not read whole.
            Progress p = progressByStarted.get(stringField(line, "testCaseStartedId"));
            if (p != null) {
                p.events.add(line);
            }
            return;
        }
        JsonObject body = body(type, line);
        if (body == null) {
            return;
        }
        Progress p;
        if (type.equals("testCaseStarted")) {
            p = progressByTestCase.get(body.getString("testCaseId", ""));
            if (p == null) {
                return;
            }
            progressByStarted.put(body.getString("id", ""), p);
            p.started++;
            p.currentStart = timestamp(body);
            if (p.firstStart == null) {
                p.firstStart = p.currentStart;
            }
            if (firstStart == null) {
                firstStart = p.currentStart;
            }
        } else {
            p = progressByStarted.get(body.getString("testCaseStartedId", ""));
            if (p == null) {
                return;
            }
        }
        p.events.add(line);
        if (type.equals("testCaseFinished") && body.getBoolean("willBeRetried", false)) {
            p.retried++;
        } else if (type.equals("testCaseFinished")) {
            p.finished++;
            p.lastEnd = timestamp(body);
            if (p.finished == p.testCases.size()) {
                handOut(p);
            }
        }
    }

    private void handOut(Progress p) {
        var lines = new ArrayList<String>();
        shared.stream().filter(l -> "meta".equals(CucumberMessagesReader.type(l))).findFirst().ifPresent(lines::add);
        addIfPresent(lines, sourceByUri.get(p.uri));
        addIfPresent(lines, documentByUri.get(p.uri));
        lines.addAll(p.pickles);
        shared.stream().filter(l -> !"meta".equals(CucumberMessagesReader.type(l))).forEach(lines::add);
        lines.addAll(p.testCases);
        lines.addAll(p.events);
        done.add(p.key);
        finished.accept(new ScenarioStream(p.key, List.copyOf(lines), p.firstStart, p.lastEnd));
    }

    private static void addIfPresent(List<String> lines, String line) {
        if (line != null) {
            lines.add(line);
        }
    }

    private Scenario scenarioOf(Pickle pickle) {
        for (Scenario scenario : scenarios) {
            if (!scenario.feature().equals(pickle.uri())) {
                continue;
            }
            if (scenario.line() == null ? pickle.name().equals(scenario.name()) : belongsToLine(pickle, scenario.line())) {
                return scenario;
            }
        }
        return null;
    }

    /** The pickle's own line, or the line of the scenario or outline it was made from. */
    private boolean belongsToLine(Pickle pickle, int line) {
        if (pickle.location() == line) {
            return true;
        }
        for (String node : pickle.astNodeIds()) {
            Integer nodeLine = nodeLines.get(node);
            if (nodeLine != null && nodeLine == line) {
                return true;
            }
        }
        return false;
    }

    private void collectNodeLines(JsonValue value) {
        if (value instanceof JsonObject object) {
            if (object.get("id") instanceof JsonString id && object.get("location") instanceof JsonObject location) {
                nodeLines.put(id.getString(), location.getInt("line", 0));
            }
            object.values().forEach(this::collectNodeLines);
        } else if (value instanceof JsonArray array) {
            array.forEach(this::collectNodeLines);
        }
    }

    /**
     * The value of a top-level string field of a message, found without reading the message whole. Inside a JSON
     * string every quote is escaped, so {@code "field":"} can only be the field itself.
     */
    static String stringField(String line, String field) {
        String key = "\"" + field + "\"";
        int at = line.indexOf(key);
        if (at < 0) {
            return null;
        }
        int start = CucumberMessagesReader.skipSpaces(line, at + key.length());
        if (start >= line.length() || line.charAt(start) != ':') {
            return null;
        }
        start = CucumberMessagesReader.skipSpaces(line, start + 1);
        if (start >= line.length() || line.charAt(start) != '"') {
            return null;
        }
        start++;
        int end = start;
        boolean escaped = false;
        while (end < line.length()) {
            char c = line.charAt(end);
            if (c == '"' && !escaped) {
                break;
            }
            escaped = c == '\\' && !escaped;
            end++;
        }
        if (end >= line.length()) {
            return null;
        }
        String raw = line.substring(start, end);
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        try (var reader = JSON.createReader(new StringReader("[\"" + raw + "\"]"))) {
            return reader.readArray().getString(0);
        } catch (JsonException | IllegalStateException unreadable) {
            return null;
        }
    }

    /** A message's timestamp, or now for a runner that wrote none. */
    private static Instant timestamp(JsonObject body) {
        if (body.get("timestamp") instanceof JsonObject time) {
            return Instant.ofEpochSecond(time.getJsonNumber("seconds") == null ? 0
                    : time.getJsonNumber("seconds").longValue(), time.getInt("nanos", 0));
        }
        return Instant.now();
    }

    private static JsonObject body(String type, String line) {
        try (var reader = JSON.createReader(new StringReader(line))) {
            return reader.readObject().getJsonObject(type);
        } catch (JsonException | IllegalStateException | ClassCastException unreadable) {
            return null;
        }
    }

    private record Pickle(String line, String uri, int location, String name, List<String> astNodeIds) {
        Pickle(String line, JsonObject body) {
            this(line, body.getString("uri", ""), body.containsKey("location")
                            ? body.getJsonObject("location").getInt("line", 0) : 0, body.getString("name", ""),
                    body.containsKey("astNodeIds") ? body.getJsonArray("astNodeIds").getValuesAs(JsonString.class)
                            .stream().map(JsonString::getString).toList() : List.of());
        }
    }

    /** What a scenario of the batch has so far. */
    private static final class Progress {
        final String key;
        final String uri;
        final List<String> pickles = new ArrayList<>();
        final List<String> testCases = new ArrayList<>();
        final List<String> events = new ArrayList<>();
        int started;
        int finished;
        /** Test cases that finished and were started again (cucumber-js's own --retry). */
        int retried;
        Instant firstStart;
        Instant currentStart;
        Instant lastEnd;

        Progress(String key, String uri) {
            this.key = key;
            this.uri = uri;
        }
    }
}
