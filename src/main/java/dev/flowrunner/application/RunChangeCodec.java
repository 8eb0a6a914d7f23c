package dev.flowrunner.application;

import dev.flowrunner.application.events.RunChange;
import dev.flowrunner.application.events.RunChange.AttemptChanged;
import dev.flowrunner.application.events.RunChange.FlowChanged;
import dev.flowrunner.application.events.RunChange.RunStatusChanged;
import dev.flowrunner.domain.Attempt;
import dev.flowrunner.domain.AttemptKey;
import dev.flowrunner.domain.AttemptStatus;
import dev.flowrunner.domain.FlowState;
import dev.flowrunner.domain.FlowStatus;
import dev.flowrunner.domain.WorkerBatch;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.time.Instant;

/**
 * A run change as the text the run change log keeps, and back: every field, by name, so that a change relayed to a
 * standby is the change the leader announced.
 */
final class RunChangeCodec {

    private RunChangeCodec() {
    }

    static String type(RunChange change) {
        if (change instanceof RunStatusChanged) {
            return "run";
        }
        return change instanceof FlowChanged ? "flow" : "attempt";
    }

    static String encode(RunChange change) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        if (change instanceof RunStatusChanged r) {
            put(json, "projectId", r.projectId());
            put(json, "status", r.status());
            json.add("round", r.round());
            put(json, "endedAt", r.endedAt());
            put(json, "problem", r.problem());
        } else if (change instanceof FlowChanged f) {
            json.add("flow", flow(f.flow()));
        } else {
            var a = (AttemptChanged) change;
            json.add("event", a.event().name()).add("attempt", attempt(a.attempt()));
        }
        return json.build().toString();
    }

    static RunChange decode(String type, String text) {
        JsonObject json = Json.createReader(new StringReader(text)).readObject();
        return switch (type) {
            case "run" -> new RunStatusChanged(text(json, "projectId"), text(json, "status"), json.getInt("round"),
                    instant(json, "endedAt"), text(json, "problem"));
            case "flow" -> new FlowChanged(flow(json.getJsonObject("flow")));
            case "attempt" -> new AttemptChanged(RunChange.AttemptEvent.valueOf(json.getString("event")),
                    attempt(json.getJsonObject("attempt")));
            default -> throw new IllegalArgumentException("no run change of type " + type);
        };
    }

    private static JsonObjectBuilder flow(FlowState flow) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("flowKey", flow.flowKey())
                .add("status", flow.status().name());
        put(json, "jobExecutionId", flow.jobExecutionId());
        put(json, "haltedAt", flow.haltedAt());
        put(json, "reason", flow.reason());
        return json;
    }

    private static FlowState flow(JsonObject json) {
        return new FlowState(json.getString("flowKey"), FlowStatus.valueOf(json.getString("status")),
                json.containsKey("jobExecutionId") ? json.getJsonNumber("jobExecutionId").longValue() : null,
                text(json, "haltedAt"), text(json, "reason"));
    }

    private static JsonObjectBuilder attempt(Attempt a) {
        AttemptKey key = a.key();
        JsonObjectBuilder json = Json.createObjectBuilder().add("runId", key.runId()).add("flowKey", key.flowKey())
                .add("groupKey", key.groupKey()).add("scenarioKey", key.scenarioKey()).add("number", key.number())
                .add("round", a.round()).add("status", a.status().name());
        put(json, "workerId", a.workerId());
        put(json, "startedAt", a.startedAt());
        put(json, "endedAt", a.endedAt());
        put(json, "exitCode", a.exitCode());
        put(json, "failingStep", a.failingStep());
        put(json, "errorMessage", a.errorMessage());
        put(json, "logDirectory", a.logDirectory());
        put(json, "queuedAt", a.queuedAt());
        if (a.batch() != null) {
            JsonObjectBuilder batch = Json.createObjectBuilder().add("id", a.batch().id()).add("size", a.batch().size());
            put(batch, "reason", a.batch().reason());
            put(batch, "launchedAt", a.batch().launchedAt());
            json.add("batch", batch);
        }
        return json;
    }

    private static Attempt attempt(JsonObject json) {
        JsonObject batch = json.containsKey("batch") ? json.getJsonObject("batch") : null;
        return new Attempt(new AttemptKey(json.getString("runId"), json.getString("flowKey"),
                json.getString("groupKey"), json.getString("scenarioKey"), json.getInt("number")), json.getInt("round"),
                AttemptStatus.valueOf(json.getString("status")), text(json, "workerId"), instant(json, "startedAt"),
                instant(json, "endedAt"), json.containsKey("exitCode") ? json.getInt("exitCode") : null,
                text(json, "failingStep"), text(json, "errorMessage"), text(json, "logDirectory"),
                batch == null ? null : new WorkerBatch(batch.getString("id"), batch.getInt("size"),
                        text(batch, "reason"), instant(batch, "launchedAt")), instant(json, "queuedAt"));
    }

    private static void put(JsonObjectBuilder json, String name, Object value) {
        if (value instanceof Number number) {
            json.add(name, Json.createValue(number.longValue()));
        } else if (value != null) {
            json.add(name, value.toString());
        }
    }

    private static String text(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value == null || value.getValueType() == JsonValue.ValueType.NULL ? null : json.getString(name);
    }

    private static Instant instant(JsonObject json, String name) {
        String value = text(json, name);
        return value == null ? null : Instant.parse(value);
    }
}
