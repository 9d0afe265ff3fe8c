package org.activity4j.core;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A message on the wire (a JSON body, a form or query string, a signature parameter) that does not have
 * the shape its format requires. Names the field (a JSON path such as {@code rows[2].cpu}, or a parameter
 * name) and the bad value, shortened to {@value #MAX_VALUE_LENGTH} characters; the value is empty when the
 * field is missing. The cause, when there is one, is the parser's exception.
 *
 * <pre>{@code
 * try {
 *     rows = TemboardCodec.decodeActivity(body);
 * } catch (WireFormatException e) {
 *     log.warn("agent sent a bad {}: {}", e.field(), e.value().orElse("(missing)"));
 * }
 * }</pre>
 *
 * <p>Immutable once thrown; safe to share between threads.
 */
public final class WireFormatException extends ActivityException {
    private static final long serialVersionUID = 1L;

    /** The longest value kept in {@link #value()} and the message. */
    public static final int MAX_VALUE_LENGTH = 200;

    private final String field;
    private final @Nullable String value;

    private WireFormatException(String field, @Nullable String value, String problem, @Nullable Throwable cause) {
        super(message(field, value, problem));
        this.field = field;
        this.value = value;
        if (cause != null) {
            initCause(cause);
        }
    }

    /** The field {@code field} has the bad value {@code value}: {@code problem} says what is wrong. */
    public static WireFormatException badValue(String field, String value, String problem) {
        return new WireFormatException(field, shorten(value), problem, null);
    }

    /** As {@link #badValue(String, String, String)}, with the parser's exception as the cause. */
    public static WireFormatException badValue(String field, String value, String problem, Throwable cause) {
        return new WireFormatException(field, shorten(value), problem, cause);
    }

    /** The required field {@code field} is missing. */
    public static WireFormatException missing(String field) {
        return new WireFormatException(field, null, "required field is missing", null);
    }

    /** The field, as a JSON path ({@code rows[2].cpu}, {@code $} for the whole body) or a parameter name. */
    public String field() {
        return field;
    }

    /** The bad value as it was sent (JSON text for JSON), shortened; empty when the field is missing. */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /** Whether the field was missing rather than malformed. */
    public boolean isMissing() {
        return value == null;
    }

    private static String shorten(String value) {
        return value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH) + "...";
    }

    private static String message(String field, @Nullable String value, String problem) {
        return value == null ? field + ": " + problem : field + ": " + problem + ": " + value;
    }
}
