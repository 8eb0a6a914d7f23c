package dev.flowrunner.api;

import dev.flowrunner.api.ExecutionRequest.FlowRequest;
import dev.flowrunner.api.ExecutionRequest.GroupRequest;
import dev.flowrunner.api.ExecutionRequest.ScenarioRequest;
import dev.flowrunner.application.execution.WorkerSpecs;
import dev.flowrunner.domain.BatchSize;
import dev.flowrunner.domain.CommandTemplate;
import dev.flowrunner.domain.DispatchOrder;
import dev.flowrunner.domain.Execution;
import dev.flowrunner.domain.ExecutionPolicy;
import dev.flowrunner.domain.Flow;
import dev.flowrunner.domain.Project;
import dev.flowrunner.domain.Scenario;
import dev.flowrunner.domain.ScenarioGroup;
import dev.flowrunner.domain.SecretSealer;
import dev.flowrunner.domain.Secrets;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates requests and turns them into domain objects. Every problem is collected with the JSON path of its
 * field, so one answer lists everything to fix; nothing is stored unless there is none.
 */
final class Requests {

    static final int MAX_SCENARIOS_PER_GROUP = 10_000;

    private static final long MAX_OVERALL_TIMEOUT = 7L * 24 * 3600;
    static final int MAX_NAME = 200;
    static final int MAX_PATH = 1024;
    static final int MAX_ARGUMENTS = 64;
    static final int MAX_ARGUMENT = 4096;
    static final int MAX_VALUE = 64 * 1024;
    private final List<Violation> violations = new ArrayList<>();

    private Requests() {
    }

    static Project project(String id, ProjectRequest body, Secrets existing, SecretSealer sealer) {
        var r = new Requests();
        if (body == null) {
            throw new InvalidRequestException(List.of(new Violation("$", "a JSON object is required")));
        }
        if (!Keys.isValid(id)) {
            r.fail("id", "must be 1-63 lower-case letters, digits or '-', starting and ending with a letter or digit");
        } else if (body.id() != null && !body.id().equals(id)) {
            r.fail("id", "is '" + id + "' (the project's address): leave it out or give the same");
        }
        r.requireText("name", body.name());
        if (body.command() == null || body.command().isEmpty()) {
            r.fail("command", "must list the runner's argv, e.g. [\"npx\", \"cucumber-js\", \"{location}\"]");
        } else if (body.command().size() > MAX_ARGUMENTS) {
            r.fail("command", "at most " + MAX_ARGUMENTS + " arguments");
        } else {
            for (int i = 0; i < body.command().size(); i++) {
                String argument = body.command().get(i);
                if (argument == null) {
                    r.fail("command[" + i + "]", "must not be null");
                    continue;
                }
                r.checkText("command[" + i + "]", argument, MAX_ARGUMENT);
                for (String name : CommandTemplate.names(List.of(argument))) {
                    if (!WorkerSpecs.PLACEHOLDERS.contains(name)) {
                        r.fail("command[" + i + "]", "unknown placeholder {" + name + "}; known: "
                                + new java.util.TreeSet<>(WorkerSpecs.PLACEHOLDERS));
                    } else if (name.equals(WorkerSpecs.LOCATIONS)
                            && !WorkerSpecs.LOCATIONS.equals(CommandTemplate.wholePlaceholder(argument))) {
                        r.fail("command[" + i + "]", "{locations} must be an argument of its own: it becomes one"
                                + " argument per scenario of the worker's batch");
                    }
                }
            }
        }
        if (body.workingDirectory() != null && !body.workingDirectory().isBlank()
                && r.checkText("workingDirectory", body.workingDirectory(), MAX_PATH)
                && !Path.of(body.workingDirectory()).isAbsolute()) {
            r.fail("workingDirectory", "must be an absolute path");
        }
        r.checkMap("testData", body.testData());
        PodOptionsRules.check(body.pod(), r::fail);
        Secrets secrets = SecretRules.secrets(body.secrets(), body.testData(), existing, sealer, r::fail);
        r.throwIfAny();
        return new Project(id, body.name(), body.command(), body.workingDirectory(), orEmpty(body.testData()),
                body.pod(), secrets);
    }

    static Execution execution(String id, String projectId, long version, ExecutionRequest body) {
        var r = new Requests();
        if (body == null) {
            throw new InvalidRequestException(List.of(new Violation("$", "a JSON object is required")));
        }
        r.requireText("name", body.name());
        int retries = body.retries() == null ? ExecutionPolicy.DEFAULT.retries() : body.retries();
        if (retries < 0 || retries > 10) {
            r.fail("retries", "must be between 0 and 10");
        }
        long timeout = body.scenarioTimeoutSeconds() == null ? ExecutionPolicy.DEFAULT.scenarioTimeoutSeconds()
                : body.scenarioTimeoutSeconds();
        if (timeout < 1 || timeout > 86_400) {
            r.fail("scenarioTimeoutSeconds", "must be between 1 and 86400");
        }
        r.checkMap("testData", body.testData());
        r.checkTimeout("runTimeoutSeconds", body.runTimeoutSeconds());
        List<Flow> flows = r.flows(body.flows());
        r.throwIfAny();
        return new Execution(id, projectId, body.name(), flows,
                new ExecutionPolicy(retries, timeout, body.runTimeoutSeconds(),
                        Boolean.TRUE.equals(body.singleThreaded())),
                orEmpty(body.testData()), version);
    }

    /** A run's own test data, laid over the project's and the execution's. */
    static Map<String, String> runTestData(RunRequest body) {
        if (body == null || body.testData() == null) {
            return Map.of();
        }
        var r = new Requests();
        r.checkMap("testData", body.testData());
        r.throwIfAny();
        return body.testData();
    }

    private List<Flow> flows(List<FlowRequest> requests) {
        if (requests == null || requests.isEmpty()) {
            fail("flows", "an execution needs at least one flow");
            return List.of();
        }
        var flows = new ArrayList<Flow>();
        Set<String> flowKeys = new HashSet<>();
        Set<String> scenarioKeys = new HashSet<>();
        for (int f = 0; f < requests.size(); f++) {
            String path = "flows[" + f + "]";
            FlowRequest flow = requests.get(f);
            if (flow == null) {
                fail(path, "must not be null");
                continue;
            }
            requireText(path + ".name", flow.name());
            String key = flow.key() != null ? flow.key() : Keys.slug(nullToEmpty(flow.name()));
            if (!Keys.isValid(key)) {
                fail(path + ".key", "must be 1-63 lower-case letters, digits or '-'");
            } else if (!flowKeys.add(key)) {
                fail(path + ".key", "duplicate flow key '" + key + "'; give the flow a distinct name or key");
            }
            flows.add(new Flow(key, nullToEmpty(flow.name()), groups(path, flow.groups(), scenarioKeys)));
        }
        return flows;
    }

    private List<ScenarioGroup> groups(String flowPath, List<GroupRequest> requests, Set<String> scenarioKeys) {
        if (requests == null || requests.isEmpty()) {
            fail(flowPath + ".groups", "a flow needs at least one scenario group");
            return List.of();
        }
        var groups = new ArrayList<ScenarioGroup>();
        for (int g = 0; g < requests.size(); g++) {
            String path = flowPath + ".groups[" + g + "]";
            GroupRequest group = requests.get(g);
            if (group == null) {
                fail(path, "must not be null");
                continue;
            }
            requireText(path + ".name", group.name());
            int parallelism = group.parallelism() == null ? 1 : group.parallelism();
            if (parallelism < 1 || parallelism > 256) {
                fail(path + ".parallelism", "must be between 1 and 256 (1 runs the scenarios one after the other)");
            }
            // The group's position is part of its key: it names the batch step, and step ids must be unique.
            String key = String.format("g%02d-%s", g + 1, Keys.slug(nullToEmpty(group.name())));
            checkTimeout(path + ".timeoutSeconds", group.timeoutSeconds());
            DispatchOrder order = dispatchOrder(path + ".order", group.order());
            BatchSize batchSize = batchSize(path + ".batchSize", group.batchSize());
            groups.add(new ScenarioGroup(key, nullToEmpty(group.name()), parallelism,
                    Boolean.TRUE.equals(group.continueOnFailure()), scenarios(path, group.scenarios(), scenarioKeys),
                    group.timeoutSeconds(), order, batchSize));
        }
        return groups;
    }

    /** Absent: automatic when the project's command takes {@code {locations}}, else one scenario per worker. */
    private BatchSize batchSize(String path, JsonValue size) {
        if (size == null || size.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        String text = size instanceof JsonString string ? string.getString() : size.toString();
        boolean wellTyped = size instanceof JsonString ? "auto".equals(text) : size instanceof JsonNumber;
        try {
            if (wellTyped) {
                return BatchSize.parse(text);
            }
        } catch (IllegalArgumentException outOfRange) {
            // said below
        }
        fail(path, "must be a whole number from 1 to " + BatchSize.MAX + " (scenarios per worker) or \"auto\"");
        return null;
    }

    private DispatchOrder dispatchOrder(String path, String order) {
        if (order == null) {
            return DispatchOrder.HISTORY;
        }
        for (DispatchOrder known : DispatchOrder.values()) {
            if (known.name().equalsIgnoreCase(order)) {
                return known;
            }
        }
        fail(path, "must be \"history\" (longest expected duration first) or \"declared\" (as listed)");
        return DispatchOrder.HISTORY;
    }

    private List<Scenario> scenarios(String groupPath, List<ScenarioRequest> requests, Set<String> keys) {
        if (requests == null || requests.isEmpty()) {
            fail(groupPath + ".scenarios", "a group needs at least one scenario");
            return List.of();
        }
        if (requests.size() > MAX_SCENARIOS_PER_GROUP) {
            fail(groupPath + ".scenarios", "at most " + MAX_SCENARIOS_PER_GROUP + " scenarios per group");
            return List.of();
        }
        var scenarios = new ArrayList<Scenario>();
        for (int s = 0; s < requests.size(); s++) {
            String path = groupPath + ".scenarios[" + s + "]";
            ScenarioRequest scenario = requests.get(s);
            if (scenario == null) {
                fail(path, "must not be null");
                continue;
            }
            requireText(path + ".feature", scenario.feature());
            checkFeaturePath(path + ".feature", scenario.feature());
            checkText(path + ".name", scenario.name(), MAX_PATH);
            if (scenario.tags() != null) {
                for (int t = 0; t < scenario.tags().size(); t++) {
                    String tag = scenario.tags().get(t);
                    if (tag == null || !tag.matches("@[^\\s@]{1,199}")) {
                        fail(path + ".tags[" + t + "]", "must be a Cucumber tag: '@' then up to 199 characters "
                                + "without spaces");
                    }
                }
            }
            if (scenario.line() != null && scenario.line() < 1) {
                fail(path + ".line", "must be 1 or more");
            }
            String key = scenario.key() != null ? scenario.key() : defaultKey(scenario);
            if (!Keys.isValid(key)) {
                fail(path + ".key", "must be 1-63 lower-case letters, digits or '-'");
            } else if (!keys.add(key)) {
                fail(path + ".key", "duplicate scenario key '" + key + "': keys identify scenarios in a run, "
                        + "give this one its own key");
            }
            scenarios.add(new Scenario(key, nullToEmpty(scenario.feature()), scenario.line(), scenario.name(),
                    scenario.tags()));
        }
        return scenarios;
    }

    private static String defaultKey(ScenarioRequest scenario) {
        if (scenario.name() != null && !scenario.name().isBlank()) {
            return Keys.slug(scenario.name());
        }
        String file = Path.of(nullToEmpty(scenario.feature())).getFileName() == null ? ""
                : Path.of(scenario.feature()).getFileName().toString().replaceFirst("\\.feature$", "");
        return Keys.slug(file + (scenario.line() == null ? "" : "-" + scenario.line()));
    }

    private void checkMap(String field, Map<String, String> map) {
        if (map == null) {
            return;
        }
        map.forEach((k, v) -> {
            if (k == null || !k.matches("[A-Za-z_][A-Za-z0-9_]{0,127}")) {
                fail(field + "." + printable(k), "names must be valid environment variable names (at most 128)");
            } else if (v == null) {
                fail(field + "." + k, "must not be null");
            } else {
                checkText(field + "." + k, v, MAX_VALUE);
            }
        });
    }

    /** A group's or a run's overall timeout: optional, at most a week. */
    private void checkTimeout(String field, Long seconds) {
        if (seconds != null && (seconds < 1 || seconds > MAX_OVERALL_TIMEOUT)) {
            fail(field, "must be between 1 and " + MAX_OVERALL_TIMEOUT + " seconds (leave it out for no limit)");
        }
    }

    /** A name: required, one line of at most {@link #MAX_NAME} characters. */
    private void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            fail(field, "is required");
        } else {
            checkText(field, value, MAX_NAME);
        }
    }

    /**
     * Text that ends up in environments, argv, logs and reports: bounded, and without control characters (a NUL
     * cannot cross {@code execve}; line breaks forge log lines). Tabs are text. Null passes: presence is checked
     * where it matters.
     */
    private boolean checkText(String field, String value, int max) {
        if (value == null) {
            return true;
        }
        if (value.length() > max) {
            fail(field, "at most " + max + " characters (this has " + value.length() + ")");
            return false;
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t'
                && !(max >= MAX_VALUE && (c == '\n' || c == '\r')))) {
            fail(field, "must not contain control characters");
            return false;
        }
        return true;
    }

    /** A feature file, relative to the project's working directory and inside it. */
    private void checkFeaturePath(String field, String feature) {
        if (feature == null || feature.isBlank() || !checkText(field, feature, MAX_PATH)) {
            return;
        }
        Path path;
        try {
            path = Path.of(feature);
        } catch (java.nio.file.InvalidPathException e) {
            fail(field, "is not a valid path");
            return;
        }
        boolean climbsOut = false;
        for (Path part : path) {
            climbsOut |= part.toString().equals("..");
        }
        if (path.isAbsolute() || feature.startsWith("~") || climbsOut) {
            fail(field, "must be a path inside the project's working directory (relative, without '..')");
        }
    }

    /** A refused name as it may be shown back: control characters escaped, long ones cut. */
    private static String printable(String text) {
        if (text == null) {
            return "null";
        }
        String cut = text.length() > 64 ? text.substring(0, 64) + "…" : text;
        StringBuilder shown = new StringBuilder();
        cut.codePoints().forEach(c -> shown.append(Character.isISOControl(c) ? String.format("\\u%04x", c)
                : new String(Character.toChars(c))));
        return shown.toString();
    }

    private void fail(String field, String message) {
        violations.add(new Violation(field, message));
    }

    private void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
