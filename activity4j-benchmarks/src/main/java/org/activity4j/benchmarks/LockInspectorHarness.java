package org.activity4j.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.activity4j.core.BackendInspector;
import org.activity4j.testkit.OneConnectionDataSource;
import org.activity4j.testkit.TestDatabase;
import org.activity4j.testkit.TestPostgres;
import org.activity4j.testkit.TestSession;

/**
 * Measures {@code BackendInspector.lockTree()} and {@code blocking()} with 50 waiters on one lock (one holder
 * of {@code LOCK TABLE}, 50 sessions in {@code SELECT} behind it) and with 500 idle sessions, over one reused
 * connection. Prints a Markdown table for PERFORMANCE.md. Uses only API that main had before issue 13, so
 * that the same class measures the old and the new inspector.
 *
 * <pre>{@code
 * java -cp activity4j-benchmarks/target/benchmarks.jar org.activity4j.benchmarks.LockInspectorHarness [samples] [warmup]
 * }</pre>
 */
public final class LockInspectorHarness {
    private LockInspectorHarness() {}

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        TestPostgres server = TestPostgres.newest();
        System.out.println("Server: " + server.version() + "; "
                + Runtime.getRuntime().availableProcessors() + " CPUs, Java " + System.getProperty("java.version"));
        System.out.println("| scenario | lockTree() p50 / p90 / p99 ms | blocking() p50 / p90 / p99 ms |");
        System.out.println("|---|---|---|");
        try (TestDatabase db = server.createDatabase()) {
            db.execute("CREATE TABLE t (id int)");
            TestSession holder = db.openSession();
            holder.execute("BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
            List<TestSession> waiters = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                TestSession w = db.openSession();
                w.start("SELECT count(*) FROM t");
                waiters.add(w);
            }
            db.awaitTrue("SELECT count(*) = 50 FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND datname = current_database()");
            row(db, "50 waiters on one lock", samples, warmup);
            holder.execute("COMMIT");
        }
        try (TestDatabase db = server.createDatabase()) {
            for (int i = 0; i < 500; i++) {
                db.openSession().execute("SELECT 1");
            }
            row(db, "500 idle sessions", samples, warmup);
        }
    }

    private static void row(TestDatabase db, String scenario, int samples, int warmup) throws Exception {
        try (OneConnectionDataSource c =
                new OneConnectionDataSource(db.dataSource().getConnection())) {
            BackendInspector inspector = BackendInspector.postgres(c);
            System.out.println("| " + scenario + " | " + format(time(inspector::lockTree, samples, warmup)) + " | "
                    + format(time(inspector::blocking, samples, warmup)) + " |");
        }
    }

    private static double[] time(Supplier<List<?>> call, int samples, int warmup) {
        int rows = 0;
        for (int i = 0; i < warmup; i++) {
            rows += call.get().size();
        }
        double[] ms = new double[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            rows += call.get().size();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        if (rows < 0) {
            throw new AssertionError("unreachable; keeps the results used");
        }
        return new double[] {pct(ms, 0.5), pct(ms, 0.9), pct(ms, 0.99)};
    }

    private static double pct(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static String format(double[] p) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", p[0], p[1], p[2]);
    }
}
