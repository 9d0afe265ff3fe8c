package org.activity4j.benchmarks.baseline;

import org.activity4j.query.QueryCriteria;
import org.parboiled.Parboiled;
import org.parboiled.Rule;
import org.parboiled.parserunners.BasicParseRunner;
import org.parboiled.support.ParsingResult;

/** Runs {@link StraightforwardQueryGrammar}; one instance per thread. */
public final class StraightforwardQueryParser {
    private final Rule query =
            Parboiled.createParser(StraightforwardQueryGrammar.class).Query();

    public QueryCriteria parse(String text) {
        ParsingResult<Object> result = new BasicParseRunner<Object>(query).run(text);
        if (!result.matched || result.resultValue == null) {
            throw new IllegalArgumentException("not a query: " + text);
        }
        return (QueryCriteria) result.resultValue;
    }
}
