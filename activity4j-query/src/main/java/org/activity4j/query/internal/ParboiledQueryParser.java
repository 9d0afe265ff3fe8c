package org.activity4j.query.internal;

import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QuerySyntaxException;
import org.parboiled.Rule;
import org.parboiled.errors.ParserRuntimeException;
import org.parboiled.parserunners.BasicParseRunner;
import org.parboiled.support.ParsingResult;

/** Runs {@link QueryGrammar}: the grammar is built once per class loader and shared by all threads. */
public final class ParboiledQueryParser {
    private static final Rule QUERY = new QueryGrammar().query();

    private ParboiledQueryParser() {}

    /** Parses text of any length (the caller checks the limit). */
    public static QueryCriteria parse(String text) {
        ParsingResult<Object> result;
        try {
            result = new BasicParseRunner<Object>(QUERY).run(new QueryInput(text));
        } catch (ParserRuntimeException e) {
            if (e.getCause() instanceof QuerySyntaxException) {
                throw (QuerySyntaxException) e.getCause();
            }
            throw e;
        }
        if (!result.matched || result.resultValue == null) {
            // The grammar either matches or throws; reaching this is a bug in it.
            throw new IllegalStateException("query grammar neither matched nor reported an error: " + text);
        }
        return (QueryCriteria) result.resultValue;
    }
}
