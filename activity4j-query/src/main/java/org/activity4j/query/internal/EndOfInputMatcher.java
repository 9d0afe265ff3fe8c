package org.activity4j.query.internal;

/**
 * {@code EOI}: matches, consuming nothing, at the end of the query text. Tests the index against the text's
 * length rather than parboiled's end-of-input character, so a U+FFFF in the text is not an end.
 */
final class EndOfInputMatcher extends LookAheadMatcher {

    EndOfInputMatcher() {
        super("EOI");
    }

    @Override
    boolean holdsAt(String text, int index) {
        return index >= text.length();
    }
}
