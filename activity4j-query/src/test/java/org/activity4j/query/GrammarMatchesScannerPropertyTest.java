package org.activity4j.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;

import org.activity4j.query.QueryCriteria.Term;
import org.activity4j.query.internal.QueryText;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The grammar's rules for one criterion (keys, computer keys, values, quotes, numbers, dates) read exactly
 * what the hand-written scanner they replace read: the same term, or the same error at the same position.
 */
class GrammarMatchesScannerPropertyTest {

    @Test
    void everyCriterionParsesAsTheScannerReadIt() {
        qt().withExamples(20_000).forAll(QueryGenerators.queryLikeText()).checkAssert(text -> {
            if (text.isEmpty() || QueryText.isSpace(text.charAt(0)) || startsWithKeyword(text)) {
                return;
            }
            @Nullable Term[] out = new Term[1];
            QuerySyntaxException expected = null;
            int end = -1;
            try {
                end = ScannerReference.read(text, 0, out);
            } catch (QuerySyntaxException e) {
                expected = e;
            }
            if (expected != null) {
                QuerySyntaxException actual =
                        catchThrowableOfType(QuerySyntaxException.class, () -> QueryCriteria.parse(text));
                assertThat(actual).as(text).isNotNull();
                assertThat(actual.position()).as(text).isEqualTo(expected.position());
                assertThat(actual.problem()).as(text).isEqualTo(expected.problem());
                assertThat(actual.expected()).as(text).isEqualTo(expected.expected());
                assertThat(actual.getMessage()).as(text).isEqualTo(expected.getMessage());
            } else {
                assertThat(end).as(text).isPositive();
                assertThat(QueryCriteria.parse(text.substring(0, end))).as(text).isEqualTo(out[0]);
            }
        });
    }

    @Test
    void everyGeneratedCriterionParsesAsTheScannerReadsIt() {
        qt().withExamples(5_000).forAll(QueryGenerators.queries()).checkAssert(q -> {
            if (!(q instanceof Term)) {
                return;
            }
            String text = q.toQueryString();
            @Nullable Term[] out = new Term[1];
            assertThat(ScannerReference.read(text, 0, out)).isEqualTo(text.length());
            assertThat(QueryCriteria.parse(text)).isEqualTo(out[0]).isEqualTo(q);
        });
    }

    private static boolean startsWithKeyword(String text) {
        for (String keyword : new String[] {"OR", "NOT"}) {
            if (text.startsWith(keyword)
                    && (text.length() == keyword.length() || QueryText.isSpace(text.charAt(keyword.length())))) {
                return true;
            }
        }
        return false;
    }
}
