package org.activity4j.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;

/**
 * Properties of the parser and printer over generated trees and text. A failure prints the seed; replay it
 * with {@code -DQT_SEED=<seed>}.
 */
class QueryRoundTripPropertyTest {

    @Test
    void parsingThePrintedTextGivesTheSameTree() {
        qt().withExamples(5_000)
                .forAll(QueryGenerators.queries())
                .checkAssert(
                        q -> assertThat(QueryCriteria.parse(q.toQueryString())).isEqualTo(q));
    }

    @Test
    void printingParsedTextIsStable() {
        qt().withExamples(5_000).forAll(QueryGenerators.queryLikeText()).checkAssert(text -> {
            QueryCriteria parsed;
            try {
                parsed = QueryCriteria.parse(text);
            } catch (QuerySyntaxException e) {
                return;
            }
            String printed = parsed.toQueryString();
            assertThat(QueryCriteria.parse(printed)).isEqualTo(parsed);
            assertThat(QueryCriteria.parse(printed).toQueryString()).isEqualTo(printed);
        });
    }

    @Test
    void parseThrowsNothingButQuerySyntaxException() {
        qt().withExamples(10_000).forAll(QueryGenerators.queryLikeText()).checkAssert(text -> {
            Throwable thrown = catchThrowable(() -> QueryCriteria.parse(text));
            if (thrown != null) {
                assertThat(thrown).isExactlyInstanceOf(QuerySyntaxException.class);
                QuerySyntaxException e = (QuerySyntaxException) thrown;
                assertThat(e.input()).isEqualTo(text);
                assertThat(e.position()).isBetween(0, text.length());
            }
        });
    }

    @Test
    void everyDateSurvivesItsText() {
        qt().forAll(QueryGenerators.dates())
                .checkAssert(d -> assertThat(QueryDate.parse(d.toString())).isEqualTo(d));
    }
}
