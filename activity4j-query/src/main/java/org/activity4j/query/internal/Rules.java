package org.activity4j.query.internal;

import org.parboiled.Action;
import org.parboiled.Rule;
import org.parboiled.matchers.AbstractMatcher;
import org.parboiled.matchers.ActionMatcher;
import org.parboiled.matchers.CharMatcher;
import org.parboiled.matchers.FirstOfStringsMatcher;
import org.parboiled.matchers.OneOrMoreMatcher;
import org.parboiled.matchers.OptionalMatcher;
import org.parboiled.matchers.SequenceMatcher;
import org.parboiled.matchers.StringMatcher;
import org.parboiled.matchers.TestMatcher;
import org.parboiled.matchers.TestNotMatcher;
import org.parboiled.matchers.ZeroOrMoreMatcher;

/**
 * parboiled's rule vocabulary ({@code Sequence}, {@code FirstOf}, {@code Optional}, ...), as parboiled-java's
 * {@code BaseParser} offers it, over parboiled-core's matchers alone. Rules are built once, explicitly, so no
 * class is generated or instrumented at run time (no ASM, no reflection): {@link QueryGrammar} builds each rule
 * in a field and reuses it. An argument is a {@link Rule}, an {@link Action}, a {@code Character} or a
 * {@code String}.
 */
final class Rules {
    private Rules() {}

    /** A rule with a name, as {@code BaseParser} names a rule after its method. */
    static Rule named(String label, Rule rule) {
        return ((AbstractMatcher) rule).label(label);
    }

    static Rule sequence(Object... rules) {
        return new SequenceMatcher(toRules(rules));
    }

    /**
     * {@code FirstOf}: alternatives that are all strings become parboiled's {@code FirstOfStringsMatcher};
     * others a {@link FirstCharFirstOfMatcher}, which skips the alternatives that cannot start at the current
     * character.
     */
    static Rule firstOf(Object... rules) {
        Rule[] alternatives = toRules(rules);
        char[][] strings = new char[alternatives.length][];
        for (int i = 0; i < alternatives.length; i++) {
            if (!(alternatives[i] instanceof StringMatcher)) {
                return new FirstCharFirstOfMatcher(alternatives);
            }
            strings[i] = ((StringMatcher) alternatives[i]).characters;
        }
        return new FirstOfStringsMatcher(alternatives, strings);
    }

    static Rule optional(Object... rules) {
        return new OptionalMatcher(toRule(rules));
    }

    static Rule zeroOrMore(Object... rules) {
        return new ZeroOrMoreMatcher(toRule(rules));
    }

    static Rule oneOrMore(Object... rules) {
        return new OneOrMoreMatcher(toRule(rules));
    }

    /** {@code &rule}: matches where {@code rule} does, consuming nothing. */
    static Rule test(Object... rules) {
        return new TestMatcher(toRule(rules));
    }

    /** {@code !rule}: matches where {@code rule} does not, consuming nothing. */
    static Rule testNot(Object... rules) {
        return new TestNotMatcher(toRule(rules));
    }

    static Rule string(String s) {
        Rule[] chars = new Rule[s.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = new CharMatcher(s.charAt(i));
        }
        return new StringMatcher(chars, s.toCharArray());
    }

    private static Rule toRule(Object[] rules) {
        return rules.length == 1 ? toRule(rules[0]) : sequence(rules);
    }

    private static Rule[] toRules(Object[] objects) {
        Rule[] rules = new Rule[objects.length];
        for (int i = 0; i < objects.length; i++) {
            rules[i] = toRule(objects[i]);
        }
        return rules;
    }

    private static Rule toRule(Object o) {
        if (o instanceof Rule) {
            return (Rule) o;
        }
        if (o instanceof Action) {
            return new ActionMatcher((Action<?>) o);
        }
        if (o instanceof Character) {
            return new CharMatcher((Character) o);
        }
        if (o instanceof String) {
            return string((String) o);
        }
        throw new IllegalArgumentException("not a rule: " + o);
    }
}
