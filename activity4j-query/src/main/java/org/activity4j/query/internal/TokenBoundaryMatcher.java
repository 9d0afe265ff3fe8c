package org.activity4j.query.internal;

import org.parboiled.MatcherContext;
import org.parboiled.matchers.CustomMatcher;

/**
 * {@code TokenBoundary = &(Space / EOI)} in one step: matches, consuming nothing, before whitespace or at the
 * end of the text (by index, so a U+FFFF in the text is no end). Immutable.
 */
final class TokenBoundaryMatcher extends CustomMatcher {

    TokenBoundaryMatcher() {
        super("TokenBoundary");
    }

    @Override
    public <V> boolean match(MatcherContext<V> context) {
        String text = QueryInput.text(context);
        int at = context.getCurrentIndex();
        if (at < text.length() && !QueryText.isSpace(text.charAt(at))) {
            return false;
        }
        context.createNode();
        return true;
    }

    @Override
    public boolean isSingleCharMatcher() {
        return false;
    }

    @Override
    public boolean canMatchEmpty() {
        return true;
    }

    @Override
    public boolean isStarterChar(char c) {
        return true;
    }

    @Override
    public char getStarterChar() {
        return ' ';
    }
}
