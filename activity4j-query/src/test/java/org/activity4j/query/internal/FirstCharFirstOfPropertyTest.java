package org.activity4j.query.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parboiled.Action;
import org.parboiled.Rule;
import org.parboiled.errors.ParserRuntimeException;
import org.parboiled.matchers.FirstOfMatcher;
import org.parboiled.parserunners.BasicParseRunner;
import org.parboiled.support.ParsingResult;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * {@link FirstCharFirstOfMatcher} chooses exactly as parboiled's {@code FirstOf}: same match, same end, same
 * values pushed, same exception, for alternatives of every kind the grammar uses (strings, character runs,
 * look-aheads, optional parts, actions that push or throw, before or after consuming) on any text.
 */
class FirstCharFirstOfPropertyTest {

    private static final Action<Object> PUSH_INDEX = context -> {
        context.getValueStack().push(context.getCurrentIndex());
        return true;
    };

    private static final Action<Object> THROW = context -> {
        throw new IllegalStateException("acted at " + context.getCurrentIndex());
    };

    private static final Action<Object> REFUSE = context -> false;

    private static final List<Rule> ALTERNATIVES = List.of(
            Rules.string("id:"),
            Rules.string("in"),
            Rules.sequence("OR", new TokenBoundaryMatcher(), PUSH_INDEX),
            CharClassMatcher.noneOf("WordChar", ":\"").oneOrMore(),
            Rules.sequence(':', THROW),
            Rules.sequence(CharClassMatcher.digit().oneOrMore(), ':', PUSH_INDEX),
            Rules.optional('x'),
            Rules.sequence(Rules.testNot('a'), 'b'),
            Rules.sequence(Rules.test('c'), "cd"),
            Rules.sequence(PUSH_INDEX, 'x'),
            Rules.sequence(THROW, 'y'),
            Rules.sequence(REFUSE, 'a'),
            Rules.sequence('"', CharClassMatcher.anyBut("PlainChar", "\"\\").zeroOrMore(), '"'),
            new EndOfInputMatcher(),
            Rules.sequence(CharClassMatcher.space(), THROW),
            Rules.sequence(THROW));

    @Test
    void choosesAsFirstOfDoes() {
        Gen<List<Integer>> choices =
                lists().of(integers().between(0, ALTERNATIVES.size() - 1)).ofSizeBetween(1, 6);
        Gen<String> texts = lists().of(Generate.pick(List.of(
                        "a", "b", "c", "cd", "x", "y", "id:", "in", "OR", "N", ":", "\"", "\\", " ", "\t", "7",
                        "\uFFFF", "é")))
                .ofSizeBetween(0, 5)
                .map(parts -> String.join("", parts));
        qt().withExamples(20_000).forAll(choices, texts).checkAssert((chosen, text) -> {
            Rule[] alternatives = new Rule[chosen.size()];
            for (int i = 0; i < alternatives.length; i++) {
                alternatives[i] = ALTERNATIVES.get(chosen.get(i));
            }
            assertThat(run(new FirstCharFirstOfMatcher(alternatives), text))
                    .as("%s on '%s'", chosen, text)
                    .isEqualTo(run(new FirstOfMatcher(alternatives), text));
        });
    }

    /** What the choice did: matched or not, where it ended, the values it pushed, or what it threw. */
    private static String run(Rule firstOf, String text) {
        Rule rule = Rules.sequence(firstOf, PUSH_INDEX).suppressNode();
        try {
            ParsingResult<Object> result = new BasicParseRunner<Object>(rule).run(new QueryInput(text));
            List<Object> values = new ArrayList<>();
            result.valueStack.forEach(values::add);
            return result.matched + " " + values;
        } catch (ParserRuntimeException e) {
            return "threw " + (e.getCause() == null ? e : e.getCause().getMessage());
        }
    }
}
