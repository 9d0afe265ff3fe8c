package org.activity4j.query.internal;

/**
 * The lexical rules shared by the parser and the printer: which characters separate criteria, and when a
 * value must be written in double quotes.
 */
public final class QueryText {
    private QueryText() {}

    /** Criteria are separated by ASCII whitespace: space, tab, line feed, carriage return, form feed, VT. */
    public static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    /** Rejects an empty value, naming the criterion. */
    public static void requireValue(String what, String value) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
    }

    /** Rejects ids below 1, naming the criterion. */
    public static void requirePositive(String what, long id) {
        if (id < 1) {
            throw new IllegalArgumentException(what + " must be 1 or more: " + id);
        }
    }

    /** {@code key:value}, the value quoted when needed. */
    public static String keyed(String key, String value) {
        StringBuilder b = new StringBuilder(key.length() + value.length() + 3);
        appendValue(b.append(key).append(':'), value, false);
        return b.toString();
    }

    /** A bare word after {@code computer:}: also quoted when it holds a {@code ':'}. */
    public static String bare(String value) {
        StringBuilder b = new StringBuilder(value.length() + 2);
        appendValue(b, value, true);
        return b.toString();
    }

    /**
     * A bare word of an activity query: quoted like {@link #bare(String)}, and also when it is one of the
     * keywords {@code OR} and {@code NOT}.
     */
    public static String bareWord(String value) {
        if (value.equals("OR") || value.equals("NOT")) {
            return '"' + value + '"';
        }
        return bare(value);
    }

    /**
     * Appends the value, in double quotes when it holds whitespace, a double quote, a control character or
     * a non-ASCII character (or, for a bare word, a colon). Inside quotes, {@code "} and {@code \} are
     * written {@code \"} and {@code \\}.
     */
    public static void appendValue(StringBuilder b, String value, boolean bare) {
        if (!needsQuotes(value, bare)) {
            b.append(value);
            return;
        }
        b.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        b.append('"');
    }

    private static boolean needsQuotes(String value, boolean bare) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '"' || (bare && c == ':')) {
                return true;
            }
        }
        return false;
    }
}
