package org.activity4j.query.internal;

/**
 * {@code TokenBoundary = &(Space / EOI)} in one step: matches, consuming nothing, before whitespace or at the
 * end of the text (by index, so a U+FFFF in the text is no end). Immutable.
 */
final class TokenBoundaryMatcher extends LookAheadMatcher {

    TokenBoundaryMatcher() {
        super("TokenBoundary");
    }

    @Override
    boolean holdsAt(String text, int index) {
        return index >= text.length() || QueryText.isSpace(text.charAt(index));
    }
}
