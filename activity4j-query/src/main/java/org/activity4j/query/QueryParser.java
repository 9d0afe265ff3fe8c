package org.activity4j.query;

import java.util.Objects;
import org.activity4j.query.internal.ParboiledQueryParser;

/**
 * Parses query text into a {@link QueryCriteria}, refusing text longer than a limit: 64 KiB
 * ({@value #DEFAULT_MAX_LENGTH} characters) unless configured otherwise. Parsing takes time linear in the
 * length of the text and constant stack depth, whatever the text ({@code NOT NOT NOT ...}, thousands of
 * {@code OR}s).
 *
 * <pre>{@code
 * QueryParser parser = QueryParser.withMaxLength(1 << 20);   // for very long bulk queries
 * QueryCriteria q = parser.parse(text);
 * }</pre>
 *
 * <p>Immutable and thread-safe; the grammar behind it is built once per class loader.
 */
public final class QueryParser {
    /** The default limit on the length of query text, in {@code char}s: 64 KiB. */
    public static final int DEFAULT_MAX_LENGTH = 64 * 1024;

    private static final QueryParser DEFAULTS = new QueryParser(DEFAULT_MAX_LENGTH);

    private final int maxLength;

    private QueryParser(int maxLength) {
        if (maxLength < 0) {
            throw new IllegalArgumentException("maxLength must be >= 0: " + maxLength);
        }
        this.maxLength = maxLength;
    }

    /** The parser {@link QueryCriteria#parse(String)} uses: at most {@value #DEFAULT_MAX_LENGTH} characters. */
    public static QueryParser defaults() {
        return DEFAULTS;
    }

    /** A parser that accepts text of at most {@code maxLength} characters. */
    public static QueryParser withMaxLength(int maxLength) {
        return new QueryParser(maxLength);
    }

    /** The longest text, in {@code char}s, this parser accepts. */
    public int maxLength() {
        return maxLength;
    }

    /**
     * Parses query text; blank text is {@link QueryCriteria#all()}.
     *
     * @throws QuerySyntaxException if the text is longer than {@link #maxLength()} or is not a valid query
     */
    public QueryCriteria parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > maxLength) {
            throw new QuerySyntaxException(
                    text,
                    maxLength,
                    "query text is " + text.length() + " characters long, over the limit of " + maxLength,
                    "at most " + maxLength + " characters (QueryParser.withMaxLength sets another limit)");
        }
        return ParboiledQueryParser.parse(text);
    }

    @Override
    public String toString() {
        return "QueryParser[maxLength=" + maxLength + "]";
    }
}
