package org.activity4j.query;

import org.activity4j.query.QueryCriteria.Term;
import org.activity4j.query.internal.DateReader;
import org.activity4j.query.internal.InvalidValueException;
import org.activity4j.query.internal.QueryText;
import org.jspecify.annotations.Nullable;

/**
 * The hand-written scanner that read one criterion before the grammar had rules for keys, values, quotes,
 * numbers and dates (activity4j-query at 6dc44d8, {@code internal.TermReader}), kept as the reference the
 * grammar's terms are checked against ({@link GrammarMatchesScannerPropertyTest}).
 */
final class ScannerReference {
    static final String KEYS = "id, parent-id, status, created-after, created-before, creator, type, computer";
    static final String COMPUTER_KEYS =
            "id, tag, hostname, title, distribution, access-group, alert, needs, annotation";
    private static final String NUMBER = "a whole number from 1 to " + Long.MAX_VALUE;
    private static final String STATUSES =
            "a status: undelivered, unapproved, delivered, canceled, failed, succeeded or scheduled";

    private final String text;
    private final int length;
    private int pos;

    private ScannerReference(String text, int pos) {
        this.text = text;
        this.length = text.length();
        this.pos = pos;
    }

    /** Reads the term at {@code start} into {@code out[0]}; returns its end, or -1 if the token is OR or NOT. */
    static int read(String text, int start, @Nullable Term[] out) {
        ScannerReference reader = new ScannerReference(text, start);
        Term term = reader.term();
        if (term == null) {
            return -1;
        }
        out[0] = term;
        return reader.pos;
    }

    private @Nullable Term term() {
        int start = pos;
        if (text.charAt(start) == '"') {
            String words = quoted();
            return new QueryCriteria.Text(words);
        }
        int i = wordEnd(start);
        if (i == length || text.charAt(i) != ':') {
            pos = i;
            requireEndOfToken();
            if (isKeyword(start, i)) {
                return null;
            }
            return new QueryCriteria.Text(text.substring(start, i));
        }
        if (i == start) {
            throw error(start, "':' with no key before it", "a key (" + KEYS + ") or a quoted phrase");
        }
        String key = text.substring(start, i);
        pos = i + 1;
        switch (key) {
            case "id":
                return new QueryCriteria.Id(number(key));
            case "parent-id":
                return new QueryCriteria.ParentId(number(key));
            case "status":
                return new QueryCriteria.Status(status());
            case "created-after":
                return new QueryCriteria.CreatedAfter(date(key));
            case "created-before":
                return new QueryCriteria.CreatedBefore(date(key));
            case "creator":
                return checked(key, "an email address", () -> new QueryCriteria.Creator(value(key)));
            case "type":
                return new QueryCriteria.Type(value(key));
            case "computer":
                return new QueryCriteria.Computer(computer());
            default:
                throw error(
                        start,
                        "unknown key '" + key + "'",
                        "one of the keys " + KEYS + ", or a bare word (quote a phrase that holds ':')");
        }
    }

    private ComputerCriterion computer() {
        int start = pos;
        if (start == length || QueryText.isSpace(text.charAt(start))) {
            throw error(
                    start,
                    "'computer:' has no criterion after it",
                    "a computer criterion (" + COMPUTER_KEYS + ", or a bare word), e.g. computer:tag:laptop");
        }
        if (text.charAt(start) == '"') {
            return new ComputerCriterion.Text(quoted());
        }
        int i = wordEnd(start);
        if (i == length || text.charAt(i) != ':') {
            pos = i;
            requireEndOfToken();
            return new ComputerCriterion.Text(text.substring(start, i));
        }
        if (i == start) {
            throw error(start, "':' with no computer key before it", "a computer key (" + COMPUTER_KEYS + ")");
        }
        String key = text.substring(start, i);
        pos = i + 1;
        switch (key) {
            case "id":
                return new ComputerCriterion.Id(number("computer:id"));
            case "tag":
                return new ComputerCriterion.Tag(value("computer:tag"));
            case "hostname":
                return new ComputerCriterion.Hostname(value("computer:hostname"));
            case "title":
                return new ComputerCriterion.Title(value("computer:title"));
            case "distribution":
                return new ComputerCriterion.Distribution(value("computer:distribution"));
            case "access-group":
                return new ComputerCriterion.AccessGroup(value("computer:access-group"));
            case "alert":
                return new ComputerCriterion.Alert(value("computer:alert"));
            case "needs":
                return needs();
            case "annotation":
                return annotation();
            default:
                throw error(
                        start,
                        "unknown computer key '" + key + "'",
                        "one of the computer keys " + COMPUTER_KEYS + ", or a bare word");
        }
    }

    private ComputerCriterion needs() {
        int at = pos;
        String need = value("computer:needs");
        if (!need.equals("reboot")) {
            throw error(at, "unknown need '" + need + "'", "reboot (computer:needs:reboot)");
        }
        return ComputerCriterion.needsReboot();
    }

    private ComputerCriterion annotation() {
        int at = pos;
        String spec = value("computer:annotation");
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return ComputerCriterion.annotation(spec);
        }
        String expected = "an annotation KEY or KEY:VALUE, both non-empty";
        if (colon == 0) {
            throw error(at, "annotation '" + spec + "' has no key before ':'", expected);
        }
        if (colon == spec.length() - 1) {
            throw error(at, "annotation '" + spec + "' has no value after ':'", expected);
        }
        return ComputerCriterion.annotation(spec.substring(0, colon), spec.substring(colon + 1));
    }

    private long number(String key) {
        int at = pos;
        String digits = value(key);
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw error(at, key + " value '" + digits + "' is not a number", NUMBER);
            }
            int digit = c - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                throw error(at, key + " value " + digits + " is out of range", NUMBER);
            }
            value = value * 10 + digit;
        }
        if (value == 0) {
            throw error(at, key + " value " + digits + " is out of range", NUMBER);
        }
        return value;
    }

    private ActivityStatus status() {
        int at = pos;
        String name = value("status");
        return ActivityStatus.fromWireName(name)
                .orElseThrow(() -> error(at, "unknown status '" + name + "'", STATUSES));
    }

    private QueryDate date(String key) {
        int at = pos;
        boolean quoted = at < length && text.charAt(at) == '"';
        String value = value(key);
        try {
            return DateReader.parse(value);
        } catch (InvalidValueException e) {
            int offset = quoted ? 1 + e.offset() : e.offset();
            throw error(Math.min(at + offset, length), key + ": " + e.getMessage(), DateReader.EXPECTED);
        }
    }

    private <T> T checked(String key, String expected, java.util.function.Supplier<T> build) {
        int at = pos;
        try {
            return build.get();
        } catch (QuerySyntaxException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw error(at, key + ": " + e.getMessage(), expected);
        }
    }

    /** The value at {@link #pos}: a quoted phrase or the rest of the token; never empty. */
    private String value(String key) {
        int start = pos;
        if (start == length || QueryText.isSpace(text.charAt(start))) {
            throw error(start, "'" + key + ":' has no value after it", "a value right after the ':'");
        }
        if (text.charAt(start) == '"') {
            return quoted();
        }
        int i = start;
        while (i < length) {
            char c = text.charAt(i);
            if (c == '"' || QueryText.isSpace(c)) {
                break;
            }
            i++;
        }
        pos = i;
        requireEndOfToken();
        return text.substring(start, i);
    }

    /** A double-quoted phrase at {@link #pos}; {@code \"} and {@code \\} are escapes, any other {@code \} is kept. */
    private String quoted() {
        int open = pos;
        StringBuilder b = null;
        int runStart = open + 1;
        int i = runStart;
        while (true) {
            if (i >= length) {
                throw error(open, "unterminated quote", "a closing '\"'");
            }
            char c = text.charAt(i);
            if (c == '"') {
                break;
            }
            if (c == '\\' && i + 1 < length && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                if (b == null) {
                    b = new StringBuilder();
                }
                b.append(text, runStart, i).append(text.charAt(i + 1));
                i += 2;
                runStart = i;
                continue;
            }
            i++;
        }
        String value = b == null
                ? text.substring(runStart, i)
                : b.append(text, runStart, i).toString();
        if (value.isEmpty()) {
            throw error(open, "empty quoted value \"\"", "at least one character between the quotes");
        }
        pos = i + 1;
        requireEndOfToken();
        return value;
    }

    private void requireEndOfToken() {
        if (pos < length && !QueryText.isSpace(text.charAt(pos))) {
            char c = text.charAt(pos);
            throw error(
                    pos,
                    c == '"' ? "a quote inside a value" : "'" + c + "' right after a closing quote",
                    c == '"'
                            ? "whitespace or the end of the query; quote the whole value, e.g. title:\"a b\""
                            : "whitespace or the end of the query after a quoted value");
        }
    }

    /** Where the word at {@code start} ends: at a colon, a quote, whitespace or the end of the text. */
    private int wordEnd(int start) {
        int i = start;
        while (i < length) {
            char c = text.charAt(i);
            if (c == ':' || c == '"' || QueryText.isSpace(c)) {
                return i;
            }
            i++;
        }
        return i;
    }

    private boolean isKeyword(int start, int end) {
        int n = end - start;
        return (n == 2 && text.startsWith("OR", start)) || (n == 3 && text.startsWith("NOT", start));
    }

    private QuerySyntaxException error(int position, String problem, String expected) {
        return new QuerySyntaxException(text, position, problem, expected);
    }
}
