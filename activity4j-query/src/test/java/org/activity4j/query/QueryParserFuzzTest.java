package org.activity4j.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the parser with Jazzer. {@code ./mvnw test} replays the committed inputs under
 * {@code src/test/resources/org/activity4j/query/QueryParserFuzzTestInputs/}; {@code JAZZER_FUZZ=1 ./mvnw
 * test -pl activity4j-query -Dtest=QueryParserFuzzTest#<method>} fuzzes one method, and any crash input it
 * finds lands in that folder, to be committed with the fix.
 */
class QueryParserFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void parseThrowsNothingButQuerySyntaxException(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            QueryCriteria.parse(text);
        } catch (QuerySyntaxException e) {
            assertThat(e.input()).isEqualTo(text);
            assertThat(e.position()).isBetween(0, text.length());
        }
    }

    @FuzzTest(maxDuration = "2m")
    void printedTextParsesBackToTheSameTree(FuzzedDataProvider data) {
        QueryCriteria parsed;
        try {
            parsed = QueryCriteria.parse(data.consumeRemainingAsString());
        } catch (QuerySyntaxException e) {
            return;
        }
        String printed = parsed.toQueryString();
        QueryCriteria reparsed = QueryCriteria.parse(printed);
        assertThat(reparsed).isEqualTo(parsed);
        assertThat(reparsed.toQueryString()).isEqualTo(printed);
    }
}
