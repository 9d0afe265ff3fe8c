package org.activity4j.query.internal;

import org.parboiled.MatcherContext;
import org.parboiled.matchers.CustomMatcher;

/**
 * A rule that matches, consuming nothing, where {@link #holdsAt} holds of the query text at the current index
 * (tested by index, so a U+FFFF in the text is an ordinary character, never the end). It can match empty and
 * may start anywhere, which parboiled's first-character optimisations must know. Immutable.
 */
abstract class LookAheadMatcher extends CustomMatcher {

    LookAheadMatcher(String label) {
        super(label);
    }

    /** Whether the rule matches before {@code text.charAt(index)} ({@code index} may be the text's length). */
    abstract boolean holdsAt(String text, int index);

    @Override
    public final <V> boolean match(MatcherContext<V> context) {
        if (!holdsAt(QueryInput.text(context), context.getCurrentIndex())) {
            return false;
        }
        context.createNode();
        return true;
    }

    @Override
    public final boolean isSingleCharMatcher() {
        return false;
    }

    @Override
    public final boolean canMatchEmpty() {
        return true;
    }

    @Override
    public final boolean isStarterChar(char c) {
        return true;
    }

    @Override
    public final char getStarterChar() {
        return ' ';
    }
}
