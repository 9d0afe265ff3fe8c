package org.activity4j.client.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.activity4j.core.JsonValue;
import org.activity4j.core.WireFormatException;

/**
 * JSON text to {@link JsonValue} and back over Jackson's streaming API. Duplicate member names, trailing
 * content and nesting deeper than {@value #MAX_DEPTH} are errors. Every failure is a {@link
 * WireFormatException}; no Jackson exception leaves this class.
 */
public final class Json {
    /** The deepest nesting accepted, as core's own JSON reader. */
    public static final int MAX_DEPTH = 256;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(100)
                    .build())
            .build();

    private Json() {}

    /** Parses one JSON value, the whole text. */
    public static JsonValue parse(String text) {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw WireFormatException.badValue("$", text, "expected a JSON value, found nothing");
            }
            JsonValue value = read(parser, 0);
            if (parser.nextToken() != null) {
                throw WireFormatException.badValue("$", text, "unexpected text after the JSON value");
            }
            return value;
        } catch (IOException | NumberFormatException | ArithmeticException e) {
            throw WireFormatException.badValue("$", text, "not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static JsonValue read(JsonParser p, int depth) throws IOException {
        JsonToken token = p.currentToken();
        if (token == null) {
            throw WireFormatException.badValue("$", "", "unexpected end of JSON");
        }
        switch (token) {
            case START_OBJECT: {
                if (depth >= MAX_DEPTH) {
                    throw WireFormatException.badValue("$", "{", "JSON nested deeper than " + MAX_DEPTH);
                }
                Map<String, JsonValue> members = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    members.put(name, read(p, depth + 1));
                }
                return JsonValue.object(members);
            }
            case START_ARRAY: {
                if (depth >= MAX_DEPTH) {
                    throw WireFormatException.badValue("$", "[", "JSON nested deeper than " + MAX_DEPTH);
                }
                List<JsonValue> elements = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(read(p, depth + 1));
                }
                return JsonValue.array(elements);
            }
            case VALUE_STRING:
                return JsonValue.of(p.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return JsonValue.of(p.getDecimalValue());
            case VALUE_TRUE:
                return JsonValue.of(true);
            case VALUE_FALSE:
                return JsonValue.of(false);
            case VALUE_NULL:
                return JsonValue.nullValue();
            default:
                throw WireFormatException.badValue("$", token.toString(), "unexpected JSON token");
        }
    }

    /** Compact JSON text of what {@code body} writes. */
    public static String write(JsonBody body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.writeTo(g);
        } catch (IOException e) {
            // A StringWriter does not fail; Jackson declares it anyway.
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Writes a JSON value as it is (numbers exactly, members in order). */
    public static void write(JsonGenerator g, JsonValue value) throws IOException {
        if (value instanceof JsonValue.JsonNull) {
            g.writeNull();
        } else if (value instanceof JsonValue.JsonBoolean) {
            g.writeBoolean(((JsonValue.JsonBoolean) value).value());
        } else if (value instanceof JsonValue.JsonNumber) {
            BigDecimal n = ((JsonValue.JsonNumber) value).value();
            g.writeNumber(n);
        } else if (value instanceof JsonValue.JsonString) {
            g.writeString(((JsonValue.JsonString) value).value());
        } else if (value instanceof JsonValue.JsonArray) {
            g.writeStartArray();
            for (JsonValue e : ((JsonValue.JsonArray) value).elements()) {
                write(g, e);
            }
            g.writeEndArray();
        } else {
            g.writeStartObject();
            for (Map.Entry<String, JsonValue> m :
                    ((JsonValue.JsonObject) value).members().entrySet()) {
                g.writeFieldName(m.getKey());
                write(g, m.getValue());
            }
            g.writeEndObject();
        }
    }

    private static String firstLine(@org.jspecify.annotations.Nullable String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Writes a JSON body with a Jackson generator. */
    @FunctionalInterface
    public interface JsonBody {
        void writeTo(JsonGenerator g) throws IOException;
    }
}
