package org.activity4j.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.activity4j.query.QueryCriteria.Or;
import org.junit.jupiter.api.Test;

/** Inputs that break recursive parsers, and the parser shared across threads. */
class QueryParserLimitsTest {

    @Test
    void tenThousandNotsParseWithoutDeepRecursion() {
        assertThat(QueryCriteria.parse("NOT ".repeat(10_000) + "status:failed"))
                .isEqualTo(QueryCriteria.status(ActivityStatus.FAILED));
        assertThat(QueryCriteria.parse("NOT ".repeat(10_001) + "status:failed"))
                .isEqualTo(QueryCriteria.not(QueryCriteria.status(ActivityStatus.FAILED)));
    }

    @Test
    void thousandsOfOredIdsParseIntoOneFlatOr() {
        String text = IntStream.rangeClosed(1, 5_000).mapToObj(i -> "id:" + i).collect(Collectors.joining(" OR "));
        QueryCriteria q = QueryCriteria.parse(text);
        assertThat(q).isInstanceOf(Or.class);
        assertThat(((Or) q).literals()).hasSize(5_000).endsWith(QueryCriteria.id(5_000));
        assertThat(q.toQueryString()).isEqualTo(text);
    }

    @Test
    void thousandsOfAndedCriteriaParseIntoOneFlatAnd() {
        String text = "x ".repeat(20_000);
        QueryCriteria q = QueryCriteria.parse(text);
        assertThat(((QueryCriteria.And) q).clauses()).hasSize(20_000);
    }

    @Test
    void aDanglingOrAfterThousandsOfTermsIsReportedAtItsPosition() {
        String text = "id:1 OR ".repeat(5_000);
        QuerySyntaxException e = org.assertj.core.api.Assertions.catchThrowableOfType(
                QuerySyntaxException.class, () -> QueryCriteria.parse(text));
        assertThat(e.position()).isEqualTo(text.length() - 3);
    }

    @Test
    void oneParserServesManyThreadsAtOnce() throws Exception {
        List<String> texts = List.of(
                "status:succeeded computer:tag:laptop",
                "NOT status:failed OR id:5 created-after:2011-01",
                "computer:title:\"Café box\" computer:annotation:env:prod",
                "creator:jane@example.com type:ChangePackagesRequest OR computer:needs:reboot");
        List<QueryCriteria> expected = texts.stream().map(QueryCriteria::parse).collect(Collectors.toList());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                tasks.add(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        int k = (i + offset) % texts.size();
                        if (!QueryCriteria.parse(texts.get(k)).equals(expected.get(k))) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> f : pool.invokeAll(tasks)) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
