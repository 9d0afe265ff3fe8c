package org.activity4j.client.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.activity4j.core.JsonValue;
import org.activity4j.core.WireFormatException;
import org.jspecify.annotations.Nullable;

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
        try {
            return parse(FACTORY.createParser(text), text);
        } catch (IOException | NumberFormatException | ArithmeticException e) {
            throw WireFormatException.badValue("$", text, "not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    /**
     * Parses one JSON value, the whole stream (for small bodies: the whole value is built).
     *
     * @throws UncheckedIOException when the stream fails (not when its bytes are bad JSON)
     */
    public static JsonValue parse(InputStream in) {
        return run(in, Json::parse);
    }

    /**
     * The elements of a JSON array decoded one at a time as they are read, so that only one element's tree is
     * ever in memory: the array is the whole text when {@code member} is null ({@code [...]}, elements named
     * {@code $[i]}), else member {@code member} of the object that is the whole text ({@code {"rows": [...]}},
     * elements named {@code rows[i]}; other members are read and ignored).
     */
    public static <T> List<T> parseArray(
            String text, @Nullable String member, BiFunction<String, JsonValue, T> element) {
        return run(text, (parser, source) -> parseArray(parser, source, member, element));
    }

    /**
     * {@link #parseArray(String, String, BiFunction)} over a stream: the heap holds the decoded elements and
     * Jackson's buffers, never the body.
     *
     * @throws UncheckedIOException when the stream fails (not when its bytes are bad JSON)
     */
    public static <T> List<T> parseArray(
            InputStream in, @Nullable String member, BiFunction<String, JsonValue, T> element) {
        return run(in, (parser, source) -> parseArray(parser, source, member, element));
    }

    /**
     * The elements of two arrays of the object that is the whole text, decoded in one pass as they are read:
     * member {@code member} (required, elements named {@code member[i]}) and member {@code extra} (optional:
     * empty when absent; when present it must be an array too). Other members are read and ignored.
     */
    public static <T, U> TwoArrays<T, U> parseArrays(
            String text,
            String member,
            BiFunction<String, JsonValue, T> element,
            String extra,
            BiFunction<String, JsonValue, U> extraElement) {
        return run(text, (parser, source) -> members(parser, source, member, element, extra, extraElement));
    }

    /**
     * {@link #parseArrays(String, String, BiFunction, String, BiFunction)} over a stream: the heap holds the
     * decoded elements and Jackson's buffers, never the body.
     *
     * @throws UncheckedIOException when the stream fails (not when its bytes are bad JSON)
     */
    public static <T, U> TwoArrays<T, U> parseArrays(
            InputStream in,
            String member,
            BiFunction<String, JsonValue, T> element,
            String extra,
            BiFunction<String, JsonValue, U> extraElement) {
        return run(in, (parser, source) -> members(parser, source, member, element, extra, extraElement));
    }

    /** The decoded elements of the two arrays of {@code parseArrays}. */
    public record TwoArrays<T, U>(List<T> first, List<U> second) {}

    private static final String BODY = "(the response body)";

    /** A read of the whole text from a parser at its start; {@code source} names the text in errors. */
    @FunctionalInterface
    private interface Read<T> {
        T from(JsonParser parser, String source) throws IOException;
    }

    private static <T> T run(String text, Read<T> read) {
        try {
            return read.from(FACTORY.createParser(text), text);
        } catch (IOException e) {
            throw failure(e, text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw WireFormatException.badValue("$", text, "not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static <T> T run(InputStream in, Read<T> read) {
        try {
            return read.from(FACTORY.createParser(utf8(in)), BODY);
        } catch (IOException e) {
            throw failure(e, BODY);
        } catch (NumberFormatException | ArithmeticException e) {
            throw WireFormatException.badValue("$", BODY, "not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
    }

    private static JsonValue parse(JsonParser p, String source) throws IOException {
        try (JsonParser parser = p) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw WireFormatException.badValue("$", source, "expected a JSON value, found nothing");
            }
            JsonValue value = read(parser, 0);
            end(parser, source);
            return value;
        }
    }

    private static <T> List<T> parseArray(
            JsonParser p, String source, @Nullable String member, BiFunction<String, JsonValue, T> element)
            throws IOException {
        if (member != null) {
            return members(p, source, member, element, null, (path, v) -> v).first();
        }
        try (JsonParser parser = p) {
            if (parser.nextToken() == null) {
                throw WireFormatException.badValue("$", source, "expected a JSON value, found nothing");
            }
            List<T> result = elements(parser, "$", 0, element);
            end(parser, source);
            return result;
        }
    }

    /**
     * The elements of array member {@code member} (required) and, unless {@code extra} is null, of array member
     * {@code extra} (empty when absent) of the object that is the whole text; other members are read and
     * ignored.
     */
    private static <T, U> TwoArrays<T, U> members(
            JsonParser p,
            String source,
            String member,
            BiFunction<String, JsonValue, T> element,
            @Nullable String extra,
            BiFunction<String, JsonValue, U> extraElement)
            throws IOException {
        try (JsonParser parser = p) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw WireFormatException.badValue("$", source, "expected a JSON value, found nothing");
            }
            if (first != JsonToken.START_OBJECT) {
                throw WireFormatException.badValue("$", read(parser, 0).toJson(), "expected a JSON object");
            }
            List<T> found = null;
            List<U> extras = List.of();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                if (name.equals(member)) {
                    found = elements(parser, member, 1, element);
                } else if (name.equals(extra)) {
                    extras = elements(parser, name, 1, extraElement);
                } else {
                    read(parser, 1);
                }
            }
            if (found == null) {
                throw WireFormatException.missing(member);
            }
            end(parser, source);
            return new TwoArrays<>(found, extras);
        }
    }

    /** The elements of the array at the parser's current token, each mapped as soon as it is read. */
    private static <T> List<T> elements(JsonParser p, String path, int depth, BiFunction<String, JsonValue, T> element)
            throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw WireFormatException.badValue(path, read(p, depth).toJson(), "expected a JSON array");
        }
        List<T> result = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            result.add(element.apply(path + "[" + result.size() + "]", read(p, depth + 1)));
        }
        return result;
    }

    private static void end(JsonParser parser, String source) throws IOException {
        if (parser.nextToken() != null) {
            throw WireFormatException.badValue("$", source, "unexpected text after the JSON value");
        }
    }

    /**
     * The body as UTF-8, strictly (JSON on the wire is UTF-8, RFC 8259): Jackson's own detection would read a
     * body that starts with zero bytes as UTF-16 or UTF-32; a malformed byte is a {@link CharacterCodingException}.
     */
    private static Reader utf8(InputStream in) {
        return new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** Bad JSON as a {@link WireFormatException}; a failing stream as it is, unchecked. */
    private static RuntimeException failure(IOException e, String source) {
        if (e instanceof JsonProcessingException) {
            return WireFormatException.badValue("$", source, "not valid JSON (" + firstLine(e.getMessage()) + ")", e);
        }
        if (e instanceof CharacterCodingException || e instanceof CharConversionException) {
            return WireFormatException.badValue("$", source, "not valid UTF-8 (" + firstLine(e.getMessage()) + ")", e);
        }
        return new UncheckedIOException(e);
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
        // Jackson's own writer for text (as ObjectMapper.writeValueAsString): recycled segments, no
        // synchronized StringBuffer, one copy into the String at the end.
        SegmentedStringWriter out = new SegmentedStringWriter(FACTORY._getBufferRecycler());
        try {
            try (JsonGenerator g = FACTORY.createGenerator(out)) {
                body.writeTo(g);
            }
            return out.getAndClear();
        } catch (IOException e) {
            // Writing to memory does not fail; Jackson declares it anyway.
            throw new UncheckedIOException(e);
        }
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

    private static String firstLine(@Nullable String message) {
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
