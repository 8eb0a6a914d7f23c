package dev.flowrunner.api;

import dev.flowrunner.domain.BatchSize;
import jakarta.json.Json;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** How the API writes domain values that are not plain records: as a client would write them in a request. */
@Provider
public class JsonbSettings implements ContextResolver<Jsonb> {

    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withAdapters(new BatchSizeText()));

    @Override
    public Jsonb getContext(Class<?> type) {
        return JSONB;
    }

    /** A batch size reads {@code "auto"} or a number, the way a group's {@code batchSize} is given. */
    public static final class BatchSizeText implements JsonbAdapter<BatchSize, JsonValue> {

        @Override
        public JsonValue adaptToJson(BatchSize size) {
            return size.isAuto() ? Json.createValue("auto") : Json.createValue(size.fixed());
        }

        @Override
        public BatchSize adaptFromJson(JsonValue value) {
            return BatchSize.parse(value instanceof JsonString text ? text.getString() : value.toString());
        }
    }
}
