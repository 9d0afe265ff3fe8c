package org.activity4j.query.internal;

import org.activity4j.query.QuerySyntaxException;

/**
 * The syntax errors of the grammar's error rules and of its actions, each at its exact position: a missing
 * criterion after OR or NOT, OR with nothing before it, unknown keys, missing or malformed values, quotes.
 */
final class Expectations {
    static final String KEYS = "id, parent-id, status, created-after, created-before, creator, type, computer";
    static final String COMPUTER_KEYS =
            "id, tag, hostname, title, distribution, access-group, alert, needs, annotation";
    static final String NUMBER = "a whole number from 1 to " + Long.MAX_VALUE;
    static final String STATUSES =
            "a status: undelivered, unapproved, delivered, canceled, failed, succeeded or scheduled";
    static final String ANNOTATION = "an annotation KEY or KEY:VALUE, both non-empty";

    private Expectations() {}

    /** A criterion was required at {@code at}: explains it by the keyword before it and what stands there. */
    static QuerySyntaxException missingCriterion(String text, int at) {
        int prevEnd = at;
        while (prevEnd > 0 && QueryText.isSpace(text.charAt(prevEnd - 1))) {
            prevEnd--;
        }
        int prevStart = prevEnd;
        while (prevStart > 0 && !QueryText.isSpace(text.charAt(prevStart - 1))) {
            prevStart--;
        }
        String previous = text.substring(prevStart, prevEnd);
        boolean atEnd = at >= text.length();
        if (atEnd && (previous.equals("OR") || previous.equals("NOT"))) {
            return new QuerySyntaxException(
                    text,
                    prevStart,
                    previous + " at the end of the query has no criterion after it",
                    "a criterion after " + previous);
        }
        if (!atEnd && text.startsWith("OR", at)) {
            if (previous.isEmpty()) {
                return new QuerySyntaxException(
                        text,
                        at,
                        "OR at the start of the query has no criterion before it",
                        "a criterion before OR (write \"OR\" in quotes to search for the word)");
            }
            return new QuerySyntaxException(
                    text,
                    at,
                    "OR right after " + previous,
                    "a criterion after " + previous + " (write \"OR\" in quotes to search for the word)");
        }
        return new QuerySyntaxException(text, at, "no criterion here", "a criterion");
    }

    static QuerySyntaxException unexpected(String text, int at) {
        return new QuerySyntaxException(text, at, "unexpected text", "whitespace and another criterion");
    }

    static QuerySyntaxException unknownKey(String text, int at, String key) {
        return new QuerySyntaxException(
                text,
                at,
                "unknown key '" + key + "'",
                "one of the keys " + KEYS + ", or a bare word (quote a phrase that holds ':')");
    }

    static QuerySyntaxException noKey(String text, int at) {
        return new QuerySyntaxException(
                text, at, "':' with no key before it", "a key (" + KEYS + ") or a quoted phrase");
    }

    static QuerySyntaxException missingComputerCriterion(String text, int at) {
        return new QuerySyntaxException(
                text,
                at,
                "'computer:' has no criterion after it",
                "a computer criterion (" + COMPUTER_KEYS + ", or a bare word), e.g. computer:tag:laptop");
    }

    static QuerySyntaxException unknownComputerKey(String text, int at, String key) {
        return new QuerySyntaxException(
                text,
                at,
                "unknown computer key '" + key + "'",
                "one of the computer keys " + COMPUTER_KEYS + ", or a bare word");
    }

    static QuerySyntaxException noComputerKey(String text, int at) {
        return new QuerySyntaxException(
                text, at, "':' with no computer key before it", "a computer key (" + COMPUTER_KEYS + ")");
    }

    static QuerySyntaxException missingValue(String text, int at, String key) {
        return new QuerySyntaxException(
                text, at, "'" + key + ":' has no value after it", "a value right after the ':'");
    }

    static QuerySyntaxException unterminatedQuote(String text, int open) {
        return new QuerySyntaxException(text, open, "unterminated quote", "a closing '\"'");
    }

    static QuerySyntaxException emptyQuotes(String text, int open) {
        return new QuerySyntaxException(
                text, open, "empty quoted value \"\"", "at least one character between the quotes");
    }

    /** A character where a value must end (whitespace or the end of the query): a quote, or text after one. */
    static QuerySyntaxException misplaced(String text, int at) {
        char c = text.charAt(at);
        return c == '"'
                ? new QuerySyntaxException(
                        text,
                        at,
                        "a quote inside a value",
                        "whitespace or the end of the query; quote the whole value, e.g. title:\"a b\"")
                : new QuerySyntaxException(
                        text,
                        at,
                        "'" + c + "' right after a closing quote",
                        "whitespace or the end of the query after a quoted value");
    }

    static QuerySyntaxException notANumber(String text, int at, String key, String digits) {
        return new QuerySyntaxException(text, at, key + " value '" + digits + "' is not a number", NUMBER);
    }

    static QuerySyntaxException numberOutOfRange(String text, int at, String key, String digits) {
        return new QuerySyntaxException(text, at, key + " value " + digits + " is out of range", NUMBER);
    }

    static QuerySyntaxException unknownStatus(String text, int at, String name) {
        return new QuerySyntaxException(text, at, "unknown status '" + name + "'", STATUSES);
    }

    static QuerySyntaxException badDate(String text, int at, String key, InvalidValueException e) {
        return new QuerySyntaxException(text, at, key + ": " + e.getMessage(), DateReader.EXPECTED);
    }

    static QuerySyntaxException badCreator(String text, int at, String key, IllegalArgumentException e) {
        return new QuerySyntaxException(text, at, key + ": " + e.getMessage(), "an email address");
    }

    static QuerySyntaxException unknownNeed(String text, int at, String need) {
        return new QuerySyntaxException(text, at, "unknown need '" + need + "'", "reboot (computer:needs:reboot)");
    }

    static QuerySyntaxException annotationWithoutKey(String text, int at, String spec) {
        return new QuerySyntaxException(text, at, "annotation '" + spec + "' has no key before ':'", ANNOTATION);
    }

    static QuerySyntaxException annotationWithoutValue(String text, int at, String spec) {
        return new QuerySyntaxException(text, at, "annotation '" + spec + "' has no value after ':'", ANNOTATION);
    }
}
