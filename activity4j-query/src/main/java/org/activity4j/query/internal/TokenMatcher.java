package org.activity4j.query.internal;

import org.jspecify.annotations.Nullable;
import org.parboiled.MatcherContext;
import org.parboiled.matchers.CustomMatcher;
import org.parboiled.support.ValueStack;

/**
 * A parboiled matcher for one whole token of the query (whitespace, a keyword, a term), so that the
 * grammar's rules work on tokens rather than on single characters. Stateless, so one instance serves every
 * parse on every thread.
 */
abstract class TokenMatcher extends CustomMatcher {

    TokenMatcher(String label) {
        super(label);
    }

    /**
     * Matches at {@code start}; returns the end of the match, or -1 for no match. May push onto the value
     * stack only when it matches.
     */
    abstract int match(String text, int start, ValueStack<Object> values);

    @Override
    @SuppressWarnings("unchecked")
    public final <V> boolean match(MatcherContext<V> context) {
        String text = ((QueryInput) context.getInputBuffer()).text();
        int start = context.getCurrentIndex();
        int end = match(text, start, (ValueStack<Object>) context.getValueStack());
        if (end < 0) {
            return false;
        }
        context.advanceIndex(end - start);
        context.createNode();
        return true;
    }

    @Override
    public boolean isSingleCharMatcher() {
        return false;
    }

    @Override
    public boolean canMatchEmpty() {
        return false;
    }

    @Override
    public boolean isStarterChar(char c) {
        return true;
    }

    @Override
    public char getStarterChar() {
        return ' ';
    }

    /** ASCII whitespace: at least {@code min} characters of it. */
    static final class Spaces extends TokenMatcher {
        private final int min;

        Spaces(int min) {
            super(min == 0 ? "OptionalSpaces" : "Spaces");
            this.min = min;
        }

        @Override
        int match(String text, int start, ValueStack<Object> values) {
            int i = start;
            while (i < text.length() && QueryText.isSpace(text.charAt(i))) {
                i++;
            }
            return i - start >= min ? i : -1;
        }

        @Override
        public boolean canMatchEmpty() {
            return min == 0;
        }
    }

    /** The keyword {@code OR}, as a whole token (so {@code ORANGE} is a word). */
    static final class OrKeyword extends TokenMatcher {
        OrKeyword() {
            super("OR");
        }

        @Override
        int match(String text, int start, ValueStack<Object> values) {
            int end = start + 2;
            return text.startsWith("OR", start) && (end == text.length() || QueryText.isSpace(text.charAt(end)))
                    ? end
                    : -1;
        }
    }

    /**
     * Any number of {@code NOT} keywords, each a whole token, and the whitespace after them; pushes whether
     * their count is odd. Never fails; consuming them in a loop keeps {@code NOT NOT ... x} off the stack.
     */
    static final class NotPrefix extends TokenMatcher {
        NotPrefix() {
            super("NotPrefix");
        }

        @Override
        int match(String text, int start, ValueStack<Object> values) {
            int i = start;
            boolean negated = false;
            while (text.startsWith("NOT", i) && (i + 3 == text.length() || QueryText.isSpace(text.charAt(i + 3)))) {
                negated = !negated;
                i += 3;
                while (i < text.length() && QueryText.isSpace(text.charAt(i))) {
                    i++;
                }
            }
            values.push(negated);
            return i;
        }

        @Override
        public boolean canMatchEmpty() {
            return true;
        }
    }

    /** One criterion: pushes its {@code Term}; no match for the keyword OR; a syntax error for bad input. */
    static final class TermToken extends TokenMatcher {
        TermToken() {
            super("Term");
        }

        @Override
        int match(String text, int start, ValueStack<Object> values) {
            if (start >= text.length()) {
                return -1;
            }
            org.activity4j.query.QueryCriteria.@Nullable Term[] out = new org.activity4j.query.QueryCriteria.Term[1];
            int end = TermReader.read(text, start, out);
            if (end < 0) {
                return -1;
            }
            values.push(out[0]);
            return end;
        }
    }

    /** Matches nothing, without consuming, when there is input left; fails at the end. */
    static final class NotAtEnd extends TokenMatcher {
        NotAtEnd() {
            super("NotAtEnd");
        }

        @Override
        int match(String text, int start, ValueStack<Object> values) {
            return start < text.length() ? start : -1;
        }

        @Override
        public boolean canMatchEmpty() {
            return true;
        }
    }

    /** The end of the query; anything else left is a syntax error. */
    static final class End extends TokenMatcher {
        End() {
            super("End");
        }

        @Override
        int match(String text, int start, ValueStack<Object> values) {
            if (start < text.length()) {
                throw Expectations.unexpected(text, start);
            }
            return start;
        }

        @Override
        public boolean canMatchEmpty() {
            return true;
        }
    }

    /** Where a criterion must stand and none does: always a syntax error that names the keyword at fault. */
    static final class ExpectedCriterion extends TokenMatcher {
        ExpectedCriterion() {
            super("ExpectedCriterion");
        }

        @Override
        int match(String text, int start, ValueStack<Object> values) {
            throw Expectations.missingCriterion(text, start);
        }
    }
}
