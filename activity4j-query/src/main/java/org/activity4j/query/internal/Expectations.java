package org.activity4j.query.internal;

import org.activity4j.query.QuerySyntaxException;

/** The syntax errors around the keywords: a missing criterion after OR or NOT, OR with nothing before it. */
final class Expectations {
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
}
