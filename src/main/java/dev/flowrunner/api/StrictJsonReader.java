package dev.flowrunner.api;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every request record of the API: parses the JSON, checks its shape against the record ({@link JsonShape}),
 * and only then binds it. A body that fails gets one 400 naming every wrong field.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class StrictJsonReader implements MessageBodyReader<Object> {

    /** Binds documents {@link JsonShape} has passed; refusing unknown fields again is only a second line. */
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig()
            .setProperty("jsonb.fail-on-unknown-properties", true));

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type.isRecord() && type.getPackageName().startsWith("dev.flowrunner.");
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
                           MultivaluedMap<String, String> headers, InputStream body) {
        return read(parse(new InputStreamReader(body, StandardCharsets.UTF_8)), genericType);
    }

    /**
     * The document, or a 400: broken syntax, bytes that are not UTF-8, or nesting past the parser's limit (1,000
     * levels, which Parsson reports as a plain RuntimeException).
     */
    private static JsonValue parse(Reader body) {
        try (var reader = Json.createReader(body)) {
            return reader.readValue();
        } catch (JsonParsingException e) {
            throw new InvalidRequestException(List.of(new Violation("$", "not valid JSON: " + e.getMessage())));
        } catch (RuntimeException e) {
            throw new InvalidRequestException(List.of(new Violation("$", "not readable as JSON: " + e.getMessage())));
        }
    }

    /** Checks and binds a document already parsed (or a body taken as a string). */
    static <T> T read(JsonValue document, Type type) {
        if (document.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        var violations = new ArrayList<Violation>();
        JsonShape.check(document, type, "$", violations);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        return JSONB.fromJson(document.toString(), type);
    }

    static <T> T read(String body, Class<T> type) {
        return read(parse(new StringReader(body)), type);
    }
}
