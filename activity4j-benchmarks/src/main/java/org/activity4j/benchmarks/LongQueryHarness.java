package org.activity4j.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.activity4j.core.ActivityStoreTimeoutException;
import org.activity4j.core.internal.PostgresActivityStore;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QueryParser;

/**
 * Long queries against the PostgreSQL store (issue 17): for each generated query, the SQL compiled before
 * issue 17 (one condition per term) and now (normalised, one array condition per key), their size and
 * {@code EXPLAIN ANALYZE} planning and execution times in the same run, then the p50 of the answer
 * ({@code getActivities}, a page of 20) now, and the in-memory store's for reference:
 *
 * <pre>{@code
 * java -Dactivity4j.bench.activities=100000 -cp activity4j-benchmarks/target/benchmarks.jar \
 *     org.activity4j.benchmarks.LongQueryHarness [explainRuns] [answerRuns]
 * }</pre>
 */
public final class LongQueryHarness {
    private static final Pattern PLANNING = Pattern.compile("Planning Time: ([0-9.]+) ms");
    private static final Pattern EXECUTION = Pattern.compile("Execution Time: ([0-9.]+) ms");

    private LongQueryHarness() {}

    public static void main(String[] args) {
        int explainRuns = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int answerRuns = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        ActivityData data = ActivityData.get();
        PostgresActivityStore store = (PostgresActivityStore) data.postgres;
        List<String[]> queries = List.of(
                new String[] {"5,000 nested groups `(wordN OR (wordN+1 OR ...`", nested(5_000)},
                new String[] {"64 KiB of nested groups", nested(Integer.MAX_VALUE)},
                new String[] {"64 KiB OR of `computer:id:N`", flat("computer:id:", 1)},
                new String[] {"64 KiB OR of `type:TypeNRequest`", flat("type:Type", 2)},
                new String[] {"64 KiB of `NOT wordN` (AND)", notWords()});
        System.out.println("| query | chars | terms | SQL before | SQL after | planning before | execution before"
                + " | planning after | execution after | answer after p50 | in memory p50 |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (String[] q : queries) {
            QueryCriteria query = QueryCriteria.parse(q[1]);
            int terms = terms(query);
            String[] before = explain(store, query, true, 1);
            String[] after = explain(store, query, false, explainRuns);
            String answer = p50(answerRuns, () -> store.getActivities(query, 20, 0));
            String memory = p50(Math.max(3, answerRuns / 4), () -> data.memory.getActivities(query, 20, 0));
            System.out.printf(
                    "| %s | %,d | %,d | %s B | %s B | %s | %s | %s | %s | %s | %s |%n",
                    q[0],
                    q[1].length(),
                    terms,
                    before[2],
                    after[2],
                    before[0],
                    before[1],
                    after[0],
                    after[1],
                    answer,
                    memory);
        }
        System.exit(0);
    }

    /** {@code (word0 OR (word1 OR (...)))} with {@code groups} groups, at most the parser's limit long. */
    static String nested(int groups) {
        StringBuilder open = new StringBuilder();
        int closing = 0;
        for (int i = 0; i < groups; i++) {
            String next = "(word" + (i % 2_000) + " OR ";
            if (open.length() + next.length() + closing + 12 > QueryParser.DEFAULT_MAX_LENGTH) {
                break;
            }
            open.append(next);
            closing++;
        }
        open.append("word1999");
        open.append(")".repeat(closing));
        return open.toString();
    }

    /** {@code prefix1 OR prefix2 OR ...} up to the parser's limit; {@code suffix 2} writes TypeNRequest. */
    private static String flat(String prefix, int kind) {
        StringBuilder q = new StringBuilder();
        for (int i = 1; ; i++) {
            String term = kind == 2 ? prefix + (i % 60) + "Request" + (i < 60 ? "" : "x" + i) : prefix + i;
            if (q.length() + term.length() + 4 > QueryParser.DEFAULT_MAX_LENGTH) {
                return q.toString();
            }
            if (q.length() > 0) {
                q.append(" OR ");
            }
            q.append(term);
        }
    }

    /** {@code NOT word0 NOT word1 ...} (words 1,000 and above match nothing) up to the parser's limit. */
    private static String notWords() {
        StringBuilder q = new StringBuilder();
        for (int i = 500; ; i++) {
            String term = "NOT word" + i;
            if (q.length() + term.length() + 1 > QueryParser.DEFAULT_MAX_LENGTH) {
                return q.toString();
            }
            if (q.length() > 0) {
                q.append(' ');
            }
            q.append(term);
        }
    }

    private static int terms(QueryCriteria query) {
        List<QueryCriteria.Clause> clauses = query instanceof QueryCriteria.And
                ? ((QueryCriteria.And) query).clauses()
                : List.of((QueryCriteria.Clause) query);
        int n = 0;
        for (QueryCriteria.Clause c : clauses) {
            n += c instanceof QueryCriteria.Or
                    ? ((QueryCriteria.Or) c).literals().size()
                    : 1;
        }
        return n;
    }

    /**
     * Median planning and execution time, and the SQL's length, of the page statement; a statement that
     * runs past the store's statement timeout is reported as such, with the time it ran.
     */
    private static String[] explain(PostgresActivityStore store, QueryCriteria query, boolean asWritten, int runs) {
        List<Double> planning = new ArrayList<>();
        List<Double> execution = new ArrayList<>();
        int sql = 0;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            try {
                String plan = store.explainPage(query, 20, 0, asWritten);
                sql = store.pageSql(query, asWritten).length();
                planning.add(figure(PLANNING, plan));
                execution.add(figure(EXECUTION, plan));
            } catch (ActivityStoreTimeoutException e) {
                String ran = String.format("timeout after %.1f s", (System.nanoTime() - t0) / 1e9);
                return new String[] {
                    ran,
                    ran,
                    String.format("%,d", store.pageSql(query, asWritten).length())
                };
            }
        }
        return new String[] {
            String.format("%.1f ms", median(planning)),
            String.format("%.1f ms", median(execution)),
            String.format("%,d", sql)
        };
    }

    private static double figure(Pattern pattern, String plan) {
        Matcher m = pattern.matcher(plan);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in the plan:\n" + plan);
        }
        return Double.parseDouble(m.group(1));
    }

    private static String p50(int runs, Runnable call) {
        long t0 = System.nanoTime();
        try {
            call.run();
            List<Double> times = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                call.run();
                times.add((System.nanoTime() - t) / 1e6);
            }
            return String.format("%.1f ms", median(times));
        } catch (ActivityStoreTimeoutException e) {
            return String.format("timeout after %.1f s", (System.nanoTime() - t0) / 1e9);
        }
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
