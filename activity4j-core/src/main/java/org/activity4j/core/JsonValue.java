package org.activity4j.core;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.activity4j.core.internal.JsonText;

/**
 * A JSON value: how activity4j keeps the type-specific fields of an activity ({@code package_ids},
 * {@code changes}, {@code pocket_id}, and any field it does not know) without dropping or reinterpreting
 * them.
 *
 * <pre>{@code
 * JsonValue ids = JsonValue.array(List.of(JsonValue.of(36), JsonValue.of(1127)));
 * ids.toJson();                          // "[36,1127]"
 * JsonValue.parse("[36,1127]").equals(ids);   // true
 * }</pre>
 *
 * <p>Every implementation is an immutable, thread-safe record. Numbers are {@link BigDecimal}s compared
 * by value ({@code 1.0} equals {@code 1}); object members keep their order, but order does not count for
 * equality.
 */
public sealed interface JsonValue {

    /** Compact JSON text of this value. */
    default String toJson() {
        return JsonText.write(this);
    }

    /**
     * Parses JSON text (RFC 8259).
     *
     * @throws IllegalArgumentException naming the position when the text is not JSON
     */
    static JsonValue parse(String json) {
        return JsonText.parse(json);
    }

    static JsonValue nullValue() {
        return JsonNull.INSTANCE;
    }

    static JsonValue of(boolean value) {
        return new JsonBoolean(value);
    }

    static JsonValue of(long value) {
        return new JsonNumber(BigDecimal.valueOf(value));
    }

    static JsonValue of(BigDecimal value) {
        return new JsonNumber(value);
    }

    static JsonValue of(String value) {
        return new JsonString(value);
    }

    static JsonValue array(List<? extends JsonValue> elements) {
        return new JsonArray(List.copyOf(elements));
    }

    static JsonValue object(Map<String, ? extends JsonValue> members) {
        return new JsonObject(new LinkedHashMap<>(members));
    }

    /** {@code null}. */
    record JsonNull() implements JsonValue {
        static final JsonNull INSTANCE = new JsonNull();
    }

    /** {@code true} or {@code false}. @param value the value */
    record JsonBoolean(boolean value) implements JsonValue {}

    /** A number, kept exactly. @param value the value; equality ignores trailing zeros */
    record JsonNumber(BigDecimal value) implements JsonValue {
        @Override
        public boolean equals(Object other) {
            return other instanceof JsonNumber && ((JsonNumber) other).value.compareTo(value) == 0;
        }

        @Override
        public int hashCode() {
            return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
        }
    }

    /** A string. @param value the value */
    record JsonString(String value) implements JsonValue {}

    /** An array. @param elements the elements, in order */
    record JsonArray(List<JsonValue> elements) implements JsonValue {
        public JsonArray {
            elements = List.copyOf(elements);
        }
    }

    /** An object. @param members the members, in their order; unmodifiable */
    record JsonObject(Map<String, JsonValue> members) implements JsonValue {
        public JsonObject {
            members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }
    }
}
