package org.activity4j.core.internal;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.activity4j.core.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * JSON text (RFC 8259) to {@link JsonValue} and back, for the stores (core does not depend on a JSON
 * library). The reader limits nesting to {@value #MAX_DEPTH} levels so no input can exhaust the stack (it
 * recurses, a few frames a level); the writer and {@link #depth} are iterative and take any value.
 */
public final class JsonText {
    public static final int MAX_DEPTH = 256;

    private final String text;
    private int pos;

    private JsonText(String text) {
        this.text = text;
    }

    /** Parses JSON text; {@link IllegalArgumentException} with the position for anything else. */
    public static JsonValue parse(String text) {
        JsonText reader = new JsonText(text);
        reader.skipSpace();
        JsonValue value = reader.value(0);
        reader.skipSpace();
        if (reader.pos != text.length()) {
            throw reader.error("unexpected text after the JSON value");
        }
        return value;
    }

    /** Compact JSON text of a value. Iterative, so no nesting depth exhausts the stack. */
    public static String write(JsonValue value) {
        StringBuilder b = new StringBuilder();
        // Each entry is what is left to write of an open array or object; its closing bracket comes last.
        ArrayDeque<Open> open = new ArrayDeque<>();
        JsonValue next = value;
        while (true) {
            if (next instanceof JsonValue.JsonArray) {
                b.append('[');
                open.push(new Open(((JsonValue.JsonArray) next).elements().iterator(), ']'));
            } else if (next instanceof JsonValue.JsonObject) {
                b.append('{');
                open.push(new Open(
                        ((JsonValue.JsonObject) next).members().entrySet().iterator(), '}'));
            } else {
                writeScalar(next, b);
            }
            @Nullable JsonValue found = null;
            while (found == null && !open.isEmpty()) {
                Open top = open.peek();
                if (!top.rest.hasNext()) {
                    b.append(top.close);
                    open.pop();
                    continue;
                }
                if (top.written) {
                    b.append(',');
                }
                top.written = true;
                Object item = top.rest.next();
                if (item instanceof Map.Entry) {
                    Map.Entry<?, ?> member = (Map.Entry<?, ?>) item;
                    writeString((String) member.getKey(), b);
                    b.append(':');
                    found = (JsonValue) member.getValue();
                } else {
                    found = (JsonValue) item;
                }
            }
            if (found == null) {
                return b.toString();
            }
            next = found;
        }
    }

    /**
     * How deep a value nests: 0 for a scalar, 1 for an array or object of scalars, and so on. Iterative, so
     * it measures values of any depth.
     */
    public static int depth(JsonValue value) {
        int deepest = 0;
        ArrayDeque<Map.Entry<JsonValue, Integer>> todo = new ArrayDeque<>();
        todo.push(Map.entry(value, 0));
        while (!todo.isEmpty()) {
            Map.Entry<JsonValue, Integer> e = todo.pop();
            JsonValue v = e.getKey();
            int d = e.getValue();
            if (v instanceof JsonValue.JsonArray) {
                deepest = Math.max(deepest, d + 1);
                for (JsonValue element : ((JsonValue.JsonArray) v).elements()) {
                    todo.push(Map.entry(element, d + 1));
                }
            } else if (v instanceof JsonValue.JsonObject) {
                deepest = Math.max(deepest, d + 1);
                for (JsonValue member : ((JsonValue.JsonObject) v).members().values()) {
                    todo.push(Map.entry(member, d + 1));
                }
            }
        }
        return deepest;
    }

    /** An array's or object's items still to write, and whether one was written (so a comma goes first). */
    private static final class Open {
        final Iterator<?> rest;
        final char close;
        boolean written;

        Open(Iterator<?> rest, char close) {
            this.rest = rest;
            this.close = close;
        }
    }

    private static void writeScalar(JsonValue value, StringBuilder b) {
        if (value instanceof JsonValue.JsonNull) {
            b.append("null");
        } else if (value instanceof JsonValue.JsonBoolean) {
            b.append(((JsonValue.JsonBoolean) value).value());
        } else if (value instanceof JsonValue.JsonNumber) {
            b.append(((JsonValue.JsonNumber) value).value().toString());
        } else {
            writeString(((JsonValue.JsonString) value).value(), b);
        }
    }

    private static void writeString(String s, StringBuilder b) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    b.append("\\\"");
                    break;
                case '\\':
                    b.append("\\\\");
                    break;
                case '\n':
                    b.append("\\n");
                    break;
                case '\r':
                    b.append("\\r");
                    break;
                case '\t':
                    b.append("\\t");
                    break;
                default:
                    if (c < 0x20 || Character.isSurrogate(c)) {
                        // Lone surrogates are not valid UTF-8; escaping keeps them intact through any storage.
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        b.append('"');
    }

    private JsonValue value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        if (pos >= text.length()) {
            throw error("unexpected end of JSON text");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return JsonValue.of(string());
            case 't':
                literal("true");
                return JsonValue.of(true);
            case 'f':
                literal("false");
                return JsonValue.of(false);
            case 'n':
                literal("null");
                return JsonValue.nullValue();
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + c + "'");
        }
    }

    private JsonValue object(int depth) {
        pos++;
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return new JsonValue.JsonObject(members);
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a member name in quotes");
            }
            int at = pos;
            String name = string();
            skipSpace();
            expect(':');
            skipSpace();
            JsonValue value = value(depth + 1);
            if (members.put(name, value) != null) {
                pos = at;
                throw error("duplicate member name \"" + name + "\"");
            }
            skipSpace();
            char c = peek();
            pos++;
            if (c == '}') {
                return new JsonValue.JsonObject(members);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}' in an object");
            }
        }
    }

    private JsonValue array(int depth) {
        pos++;
        List<JsonValue> elements = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return new JsonValue.JsonArray(elements);
        }
        while (true) {
            skipSpace();
            elements.add(value(depth + 1));
            skipSpace();
            char c = peek();
            pos++;
            if (c == ']') {
                return new JsonValue.JsonArray(elements);
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']' in an array");
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder b = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return b.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character in a string");
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"':
                case '\\':
                case '/':
                    b.append(e);
                    break;
                case 'b':
                    b.append('\b');
                    break;
                case 'f':
                    b.append('\f');
                    break;
                case 'n':
                    b.append('\n');
                    break;
                case 'r':
                    b.append('\r');
                    break;
                case 't':
                    b.append('\t');
                    break;
                case 'u':
                    if (pos + 4 > text.length()) {
                        throw error("short \\u escape");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(pos + i), 16);
                        if (digit < 0) {
                            throw error("bad \\u escape");
                        }
                        code = code * 16 + digit;
                    }
                    pos += 4;
                    b.append((char) code);
                    break;
                default:
                    pos--;
                    throw error("bad escape '\\" + e + "'");
            }
        }
    }

    private JsonValue number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (peek() >= '1' && peek() <= '9') {
            digits();
        } else {
            throw error("malformed number");
        }
        if (peek() == '.') {
            pos++;
            if (!(peek() >= '0' && peek() <= '9')) {
                throw error("malformed number: digits must follow '.'");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!(peek() >= '0' && peek() <= '9')) {
                throw error("malformed number: digits must follow the exponent");
            }
            digits();
        }
        try {
            return JsonValue.of(new BigDecimal(text.substring(start, pos)));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("number out of range");
        }
    }

    private void digits() {
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
    }

    private void literal(String word) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected text, expected " + word);
        }
        pos += word.length();
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("invalid JSON at position " + pos + ": " + problem);
    }
}
