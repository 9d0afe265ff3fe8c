package org.activity4j.query.internal;

import org.parboiled.MatcherContext;
import org.parboiled.Rule;
import org.parboiled.matchers.CustomMatcher;

/**
 * A lexical rule: a class of characters repeated {@code min} to {@code max} times, matched in one step (what
 * {@code OneOrMore(AnyOf(..))} would match with one matcher context per character). Reads the query text by
 * index, so a U+FFFF in the text is an ordinary character and the end of the text is never one. Immutable, so
 * one instance serves every parse on every thread.
 */
final class CharClassMatcher extends CustomMatcher {
    private static final int ASCII = 128;

    private final boolean[] ascii;
    private final boolean nonAscii;
    private final int min;
    private final int max;

    private CharClassMatcher(String label, boolean[] ascii, boolean nonAscii, int min, int max) {
        super(label);
        this.ascii = ascii;
        this.nonAscii = nonAscii;
        this.min = min;
        this.max = max;
    }

    /** ASCII whitespace: space, tab, line feed, vertical tab, form feed, carriage return. */
    static CharClassMatcher space() {
        boolean[] table = new boolean[ASCII];
        for (char c = 0; c < ASCII; c++) {
            table[c] = QueryText.isSpace(c);
        }
        return new CharClassMatcher("Space", table, false, 1, 1);
    }

    /** {@code '0'} to {@code '9'}. */
    static CharClassMatcher digit() {
        boolean[] table = new boolean[ASCII];
        for (char c = '0'; c <= '9'; c++) {
            table[c] = true;
        }
        return new CharClassMatcher("Digit", table, false, 1, 1);
    }

    /** Any character but ASCII whitespace and the given ones. */
    static CharClassMatcher noneOf(String label, String excluded) {
        boolean[] table = new boolean[ASCII];
        for (char c = 0; c < ASCII; c++) {
            table[c] = !QueryText.isSpace(c) && excluded.indexOf(c) < 0;
        }
        return new CharClassMatcher(label, table, true, 1, 1);
    }

    /** Any character, whitespace included, but the given ones. */
    static CharClassMatcher anyBut(String label, String excluded) {
        boolean[] table = new boolean[ASCII];
        for (char c = 0; c < ASCII; c++) {
            table[c] = excluded.indexOf(c) < 0;
        }
        return new CharClassMatcher(label, table, true, 1, 1);
    }

    /** This class, one or more times: {@code Class+}. */
    CharClassMatcher oneOrMore() {
        return new CharClassMatcher(getLabel() + "+", ascii, nonAscii, 1, Integer.MAX_VALUE);
    }

    /** This class, any number of times: {@code Class*}. */
    CharClassMatcher zeroOrMore() {
        return new CharClassMatcher(getLabel() + "*", ascii, nonAscii, 0, Integer.MAX_VALUE);
    }

    /** This class, exactly {@code n} times: {@code Class{n}}. */
    CharClassMatcher times(int n) {
        return new CharClassMatcher(getLabel() + "{" + n + "}", ascii, nonAscii, n, n);
    }

    /** This class as a rule with a name of its own. */
    Rule named(String label) {
        return new CharClassMatcher(label, ascii, nonAscii, min, max);
    }

    private boolean test(char c) {
        return c < ASCII ? ascii[c] : nonAscii;
    }

    @Override
    public <V> boolean match(MatcherContext<V> context) {
        String text = QueryInput.text(context);
        int start = context.getCurrentIndex();
        int end = (int) Math.min(text.length(), (long) start + max);
        int i = start;
        while (i < end && test(text.charAt(i))) {
            i++;
        }
        if (i - start < min) {
            return false;
        }
        context.advanceIndex(i - start);
        context.createNode();
        return true;
    }

    @Override
    public boolean isSingleCharMatcher() {
        return min == 1 && max == 1;
    }

    @Override
    public boolean canMatchEmpty() {
        return min == 0;
    }

    @Override
    public boolean isStarterChar(char c) {
        return min == 0 || test(c);
    }

    @Override
    public char getStarterChar() {
        for (char c = 0; c < ASCII; c++) {
            if (ascii[c]) {
                return c;
            }
        }
        return 'x';
    }
}
