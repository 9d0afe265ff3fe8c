package org.activity4j.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.activity4j.core.internal.PostgresActivityStore;
import org.activity4j.query.QueryCriteria;
import org.openjdk.jmh.annotations.Param;

/**
 * Where a PostgreSQL page's time goes, for the query set of {@link ActivityStoreBenchmark} on the same data:
 * the median wall time of {@code getActivities} next to the median planning and execution times PostgreSQL
 * reports for the same statement ({@code EXPLAIN ANALYZE}); the rest is round trips, the driver, the pool and
 * decoding. {@code java -Xmx8g -cp benchmarks.jar org.activity4j.benchmarks.ActivityQueryBreakdown [query ...]}.
 */
public final class ActivityQueryBreakdown {
    private static final Pattern PLANNING = Pattern.compile("Planning Time: ([0-9.]+) ms");
    private static final Pattern EXECUTION = Pattern.compile("Execution Time: ([0-9.]+) ms");
    private static final int RUNS = Integer.getInteger("activity4j.bench.runs", 200);

    private ActivityQueryBreakdown() {}

    public static void main(String[] args) {
        List<String> queries = args.length > 0 ? List.of(args) : benchmarkQueries();
        PostgresActivityStore store = (PostgresActivityStore) ActivityData.get().postgres;
        if (Boolean.getBoolean("activity4j.bench.hold")) {
            System.out.println(
                    "# holding the data set at " + ActivityData.get().database.jdbcUrl());
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        System.out.printf("%-50s %6s %9s %9s %9s %9s%n", "query", "offset", "wall", "planning", "execution", "rest");
        for (String q : queries) {
            QueryCriteria criteria = ActivityStoreBenchmark.criteria(q);
            for (int offset : new int[] {0, 10_000}) {
                double[] wall = new double[RUNS];
                double[] planning = new double[RUNS];
                double[] execution = new double[RUNS];
                for (int i = 0; i < RUNS / 4; i++) {
                    store.getActivities(criteria, 20, offset);
                }
                for (int i = 0; i < RUNS; i++) {
                    long t0 = System.nanoTime();
                    store.getActivities(criteria, 20, offset);
                    wall[i] = (System.nanoTime() - t0) / 1e6;
                    String plan = store.explainPage(criteria, 20, offset);
                    planning[i] = time(PLANNING, plan);
                    execution[i] = time(EXECUTION, plan);
                }
                double w = median(wall);
                double p = median(planning);
                double e = median(execution);
                System.out.printf(
                        "%-50s %6d %9.3f %9.3f %9.3f %9.3f%n",
                        q.length() > 50 ? q.substring(0, 50) : q, offset, w, p, e, w - p - e);
            }
        }
        if (Boolean.getBoolean("activity4j.bench.plans")) {
            for (String q : queries) {
                System.out.println(store.explainPage(ActivityStoreBenchmark.criteria(q), 20, 0));
            }
        }
        System.exit(0);
    }

    /** The query set of {@link ActivityStoreBenchmark}, as its {@code query} parameter lists it. */
    private static List<String> benchmarkQueries() {
        try {
            Param query = ActivityStoreBenchmark.class.getField("query").getAnnotation(Param.class);
            return List.of(java.util.Objects.requireNonNull(query, "@Param on ActivityStoreBenchmark.query")
                    .value());
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double time(Pattern pattern, String plan) {
        Matcher m = pattern.matcher(plan);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + plan);
        }
        return Double.parseDouble(m.group(1));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
