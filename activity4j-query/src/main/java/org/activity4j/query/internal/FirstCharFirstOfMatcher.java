package org.activity4j.query.internal;

import java.util.ArrayList;
import java.util.List;
import org.parboiled.MatcherContext;
import org.parboiled.Rule;
import org.parboiled.matchers.ActionMatcher;
import org.parboiled.matchers.FirstOfMatcher;
import org.parboiled.matchers.Matcher;
import org.parboiled.matchers.SequenceMatcher;
import org.parboiled.matchervisitors.CanMatchEmptyVisitor;
import org.parboiled.matchervisitors.IsStarterCharVisitor;

/**
 * parboiled's {@code FirstOf} (ordered choice) that does not try an alternative which cannot start at the
 * current character: for each ASCII character it keeps the alternatives that parboiled's own
 * {@link IsStarterCharVisitor} says may start with it, every alternative that may match empty, and every
 * alternative that may run an action before it consumes a character (an action may throw a syntax error).
 * Other characters, and the end of the input, try every alternative. The result is that of {@code FirstOf}:
 * an alternative left out could only have failed, without running an action. Immutable.
 */
final class FirstCharFirstOfMatcher extends FirstOfMatcher {
    private static final int ASCII = 128;

    private final Matcher[] all;
    private final Matcher[][] byChar;

    FirstCharFirstOfMatcher(Rule[] subRules) {
        super(subRules);
        List<Matcher> children = getChildren();
        all = children.toArray(new Matcher[0]);
        boolean[] canMatchEmpty = new boolean[all.length];
        CanMatchEmptyVisitor emptyVisitor = new CanMatchEmptyVisitor();
        for (int i = 0; i < all.length; i++) {
            canMatchEmpty[i] = all[i].accept(emptyVisitor) || mayActFirst(all[i], emptyVisitor);
        }
        byChar = new Matcher[ASCII][];
        for (char c = 0; c < ASCII; c++) {
            IsStarterCharVisitor starter = new IsStarterCharVisitor(c);
            List<Matcher> candidates = new ArrayList<>();
            for (int i = 0; i < all.length; i++) {
                if (canMatchEmpty[i] || all[i].accept(starter)) {
                    candidates.add(all[i]);
                }
            }
            byChar[c] = candidates.toArray(new Matcher[0]);
        }
    }

    /** Whether {@code m} may run an action before it has consumed a character. */
    private static boolean mayActFirst(Matcher m, CanMatchEmptyVisitor emptyVisitor) {
        if (m instanceof ActionMatcher) {
            return true;
        }
        if (m instanceof SequenceMatcher) {
            for (Matcher child : m.getChildren()) {
                if (mayActFirst(child, emptyVisitor)) {
                    return true;
                }
                if (!child.accept(emptyVisitor)) {
                    return false;
                }
            }
            return false;
        }
        for (Matcher child : m.getChildren()) {
            if (mayActFirst(child, emptyVisitor)) {
                return true;
            }
        }
        return false;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public boolean match(MatcherContext context) {
        char c = context.getCurrentChar();
        Matcher[] candidates = c < ASCII ? byChar[c] : all;
        for (Matcher candidate : candidates) {
            if (candidate.getSubContext(context).runMatcher()) {
                context.createNode();
                return true;
            }
        }
        return false;
    }
}
