package org.activity4j.benchmarks;

import java.util.List;
import org.activity4j.core.internal.PostgresActivityStore;
import org.activity4j.query.QueryCriteria;

/**
 * Prints PostgreSQL's plans, with timings, for the query set of {@link ActivityStoreBenchmark} on the same
 * data: {@code java -cp benchmarks.jar org.activity4j.benchmarks.ExplainActivityQueries [query ...]}, pages
 * of 20 at offset 0 or at {@code -Dactivity4j.bench.offset}.
 */
public final class ExplainActivityQueries {
    private ExplainActivityQueries() {}

    public static void main(String[] args) {
        List<String> queries = args.length > 0
                ? List.of(args)
                : List.of(
                        "status:scheduled",
                        "computer:tag:tag7",
                        "creator:person42@example.com type:Type13Request",
                        "word123",
                        "type:Type40Request OR type:Type41Request OR type:Type42Request OR type:Type43Request"
                                + " OR type:Type44Request");
        PostgresActivityStore store = (PostgresActivityStore) ActivityData.get().postgres;
        for (String q : queries) {
            System.out.println("== " + q);
            System.out.println(
                    store.explain(QueryCriteria.parse(q), 20, Integer.getInteger("activity4j.bench.offset", 0)));
        }
        System.exit(0);
    }
}
