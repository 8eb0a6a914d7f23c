package dev.flowrunner.api;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a request document against the record it is read into, before any binding: every field must be one the
 * record has, and every value of the JSON type its component needs. JSON-B would otherwise coerce quietly — a
 * number into a string, {@code "yes"} into {@code false}, an array into an empty map. Each mismatch is a violation
 * at its JSON path ({@code flows[0].groups[1].parallelism}); absent and null values are left to the rules that
 * know which ones are required.
 */
final class JsonShape {

    private JsonShape() {
    }

    static void check(JsonValue value, Type type, String path, List<Violation> violations) {
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            return;
        }
        Class<?> raw = raw(type);
        if (raw == String.class) {
            expect(value, JsonValue.ValueType.STRING, path, "a string", violations);
        } else if (raw == Boolean.class || raw == boolean.class) {
            if (value != JsonValue.TRUE && value != JsonValue.FALSE) {
                violations.add(new Violation(path, "must be true or false"));
            }
        } else if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class) {
            checkWholeNumber(value, raw == Integer.class || raw == int.class, path, violations);
        } else if (List.class.isAssignableFrom(raw)) {
            if (expect(value, JsonValue.ValueType.ARRAY, path, "a list", violations)) {
                JsonArray array = value.asJsonArray();
                for (int i = 0; i < array.size(); i++) {
                    check(array.get(i), argument(type, 0), path + "[" + i + "]", violations);
                }
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            if (expect(value, JsonValue.ValueType.OBJECT, path, "an object", violations)) {
                value.asJsonObject().forEach((key, entry) ->
                        check(entry, argument(type, 1), join(path, key), violations));
            }
        } else if (raw.isRecord()) {
            checkRecord(value, raw, path, violations);
        }
    }

    private static void checkRecord(JsonValue value, Class<?> record, String path, List<Violation> violations) {
        if (!expect(value, JsonValue.ValueType.OBJECT, path, "an object", violations)) {
            return;
        }
        Map<String, RecordComponent> components = Arrays.stream(record.getRecordComponents())
                .collect(Collectors.toMap(RecordComponent::getName, c -> c));
        JsonObject object = value.asJsonObject();
        for (var field : object.entrySet()) {
            RecordComponent component = components.get(field.getKey());
            if (component == null) {
                violations.add(new Violation(join(path, field.getKey()), "unknown field; known: "
                        + Set.copyOf(components.keySet()).stream().sorted().toList()));
            } else {
                check(field.getValue(), component.getGenericType(), join(path, field.getKey()), violations);
            }
        }
    }

    private static void checkWholeNumber(JsonValue value, boolean isInt, String path, List<Violation> violations) {
        String range = isInt ? "a whole number up to 2147483647" : "a whole number up to 9223372036854775807";
        if (!expect(value, JsonValue.ValueType.NUMBER, path, range, violations)) {
            return;
        }
        JsonNumber number = (JsonNumber) value;
        try {
            if (isInt) {
                number.bigDecimalValue().intValueExact();
            } else {
                number.bigDecimalValue().longValueExact();
            }
        } catch (ArithmeticException notWholeOrTooLarge) {
            violations.add(new Violation(path, "must be " + range));
        }
    }

    private static boolean expect(JsonValue value, JsonValue.ValueType type, String path, String what,
                                  List<Violation> violations) {
        if (value.getValueType() != type) {
            violations.add(new Violation(path, "must be " + what + ", not " + describe(value)));
            return false;
        }
        return true;
    }

    private static String describe(JsonValue value) {
        return switch (value.getValueType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "true/false";
            case NULL -> "null";
        };
    }

    /** The path of a field: {@code $} is the document itself. */
    private static String join(String path, String field) {
        return "$".equals(path) ? field : path + "." + field;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }
}
