package org.activity4j.query.internal;

import java.util.ArrayList;
import java.util.List;
import org.parboiled.MatcherContext;
import org.parboiled.Rule;
import org.parboiled.matchers.FirstOfMatcher;
import org.parboiled.matchers.Matcher;
import org.parboiled.matchervisitors.CanMatchEmptyVisitor;
import org.parboiled.matchervisitors.IsStarterCharVisitor;

/**
 * parboiled's {@code FirstOf} (ordered choice) that does not try an alternative which cannot start at the
 * current character: for each ASCII character it keeps the alternatives that parboiled's own
 * {@link IsStarterCharVisitor} says may start with it, plus every alternative that may match empty (which
 * includes the error actions). Other characters, and the end of the input, try every alternative. The result
 * is that of {@code FirstOf}: an alternative left out could only have failed. Immutable.
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
            canMatchEmpty[i] = all[i].accept(emptyVisitor);
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
