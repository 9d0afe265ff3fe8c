package org.activity4j.query.internal;

import org.parboiled.MatcherContext;
import org.parboiled.matchers.CustomMatcher;

/**
 * {@code EOI}: matches, consuming nothing, at the end of the query text. Tests the index against the text's
 * length rather than parboiled's end-of-input character, so a U+FFFF in the text is not an end.
 */
final class EndOfInputMatcher extends CustomMatcher {

    EndOfInputMatcher() {
        super("EOI");
    }

    @Override
    public <V> boolean match(MatcherContext<V> context) {
        if (context.getCurrentIndex() < QueryInput.text(context).length()) {
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
