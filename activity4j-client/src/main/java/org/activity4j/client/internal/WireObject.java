package org.activity4j.client.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiFunction;
import org.activity4j.core.JsonValue;
import org.activity4j.core.WireFormatException;

/**
 * A JSON object being decoded, with its path ({@code rows[2]}) so that every error names the field. Each
 * accessor checks the exact JSON type and throws {@link WireFormatException} otherwise.
 */
public final class WireObject {
    private final String path;
    private final Map<String, JsonValue> members;

    private WireObject(String path, Map<String, JsonValue> members) {
        this.path = path;
        this.members = members;
    }

    /** {@code value} as an object, or an error naming {@code path}. */
    public static WireObject of(String path, JsonValue value) {
        if (value instanceof JsonValue.JsonObject) {
            return new WireObject(path, ((JsonValue.JsonObject) value).members());
        }
        throw WireFormatException.badValue(path, value.toJson(), "expected a JSON object");
    }

    /** The elements of {@code value} as an array, or an error naming {@code path}. */
    public static List<JsonValue> array(String path, JsonValue value) {
        if (value instanceof JsonValue.JsonArray) {
            return ((JsonValue.JsonArray) value).elements();
        }
        throw WireFormatException.badValue(path, value.toJson(), "expected a JSON array");
    }

    /** Maps every element of the array {@code value}, naming each {@code path[i]}. */
    public static <T> List<T> mapArray(String path, JsonValue value, BiFunction<String, JsonValue, T> element) {
        List<JsonValue> elements = array(path, value);
        List<T> result = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            result.add(element.apply(path + "[" + i + "]", elements.get(i)));
        }
        return result;
    }

    public String path() {
        return path;
    }

    public String field(String name) {
        return path.equals("$") ? name : path + "." + name;
    }

    /** The member, or a "missing" error. */
    public JsonValue get(String name) {
        JsonValue v = members.get(name);
        if (v == null) {
            throw WireFormatException.missing(field(name));
        }
        return v;
    }

    /** The member; empty when missing or JSON null. */
    public Optional<JsonValue> optional(String name) {
        JsonValue v = members.get(name);
        return v == null || v instanceof JsonValue.JsonNull ? Optional.empty() : Optional.of(v);
    }

    /** Members whose names are not in {@code known}, in order. */
    public Map<String, JsonValue> others(Set<String> known) {
        Map<String, JsonValue> rest = new LinkedHashMap<>();
        members.forEach((k, v) -> {
            if (!known.contains(k)) {
                rest.put(k, v);
            }
        });
        return rest;
    }

    public int requireInt(String name) {
        return toInt(field(name), get(name));
    }

    public long requireLong(String name) {
        return toLong(field(name), get(name));
    }

    public OptionalInt optionalInt(String name) {
        Optional<JsonValue> v = optional(name);
        return v.isPresent() ? OptionalInt.of(toInt(field(name), v.get())) : OptionalInt.empty();
    }

    public OptionalLong optionalLong(String name) {
        Optional<JsonValue> v = optional(name);
        return v.isPresent() ? OptionalLong.of(toLong(field(name), v.get())) : OptionalLong.empty();
    }

    public String requireString(String name) {
        return toStringValue(field(name), get(name));
    }

    /** A string member; empty when missing or null. */
    public Optional<String> optionalString(String name) {
        Optional<JsonValue> v = optional(name);
        return v.map(value -> toStringValue(field(name), value));
    }

    /** A string member that must be present, but may be null (empty). */
    public Optional<String> nullableString(String name) {
        JsonValue v = get(name);
        return v instanceof JsonValue.JsonNull ? Optional.empty() : Optional.of(toStringValue(field(name), v));
    }

    public boolean requireBoolean(String name) {
        JsonValue v = get(name);
        if (v instanceof JsonValue.JsonBoolean) {
            return ((JsonValue.JsonBoolean) v).value();
        }
        throw WireFormatException.badValue(field(name), v.toJson(), "expected true or false");
    }

    /** A finite number, or a string holding one (the seed documents show some numbers as strings). */
    public double requireNumberOrNumericString(String name) {
        JsonValue v = get(name);
        if (v instanceof JsonValue.JsonNumber) {
            return finite(field(name), ((JsonValue.JsonNumber) v).value().doubleValue(), v);
        }
        if (v instanceof JsonValue.JsonString) {
            String s = ((JsonValue.JsonString) v).value().trim();
            return finite(field(name), parseDecimal(field(name), s).doubleValue(), v);
        }
        throw WireFormatException.badValue(field(name), v.toJson(), "expected a number");
    }

    /** A finite number, or {@code "N/A"} (empty). */
    public OptionalDouble numberOrNa(String name) {
        JsonValue v = get(name);
        if (v instanceof JsonValue.JsonString
                && ((JsonValue.JsonString) v).value().equals("N/A")) {
            return OptionalDouble.empty();
        }
        if (v instanceof JsonValue.JsonNumber) {
            return OptionalDouble.of(
                    finite(field(name), ((JsonValue.JsonNumber) v).value().doubleValue(), v));
        }
        throw WireFormatException.badValue(field(name), v.toJson(), "expected a number or \"N/A\"");
    }

    public static int toInt(String field, JsonValue v) {
        long l = toLong(field, v);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw WireFormatException.badValue(field, v.toJson(), "integer out of range");
        }
        return (int) l;
    }

    public static long toLong(String field, JsonValue v) {
        if (v instanceof JsonValue.JsonNumber) {
            BigDecimal n = ((JsonValue.JsonNumber) v).value();
            if (n.scale() > 0) {
                throw WireFormatException.badValue(field, v.toJson(), "expected an integer, without a fraction");
            }
            try {
                return n.longValueExact();
            } catch (ArithmeticException e) {
                throw WireFormatException.badValue(field, v.toJson(), "expected an integer in range", e);
            }
        }
        throw WireFormatException.badValue(field, v.toJson(), "expected an integer");
    }

    public static String toStringValue(String field, JsonValue v) {
        if (v instanceof JsonValue.JsonString) {
            return ((JsonValue.JsonString) v).value();
        }
        throw WireFormatException.badValue(field, v.toJson(), "expected a string");
    }

    private static BigDecimal parseDecimal(String field, String s) {
        if (s.isEmpty() || s.length() > 100) {
            throw WireFormatException.badValue(field, s, "expected a number");
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw WireFormatException.badValue(field, s, "expected a number", e);
        }
    }

    private static double finite(String field, double d, JsonValue v) {
        if (!Double.isFinite(d)) {
            throw WireFormatException.badValue(field, v.toJson(), "number out of range");
        }
        return d;
    }
}
