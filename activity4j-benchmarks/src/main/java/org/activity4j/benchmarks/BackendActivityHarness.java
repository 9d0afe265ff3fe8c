package org.activity4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.activity4j.core.Backend;
import org.activity4j.core.BackendInspector;
import org.activity4j.procstats.OshiProcessStats;
import org.activity4j.testkit.OneConnectionDataSource;
import org.activity4j.testkit.TestDatabase;
import org.activity4j.testkit.TestPostgres;
import org.activity4j.testkit.TestSession;

/**
 * Measures {@code BackendInspector.activity()} with and without OS figures at 100 and 500 sessions (20%
 * running a query, the rest idle), and pg_activity's refresh of its process list on the same server in the
 * same run. Prints a Markdown table for PERFORMANCE.md.
 *
 * <pre>{@code
 * java -cp ... org.activity4j.benchmarks.BackendActivityHarness [connections=100,500] [samples=200] [warmup=50]
 * }</pre>
 *
 * <p>Times are wall-clock milliseconds of one call, sampled back to back after a warm-up; the OS figures
 * are rates from the previous call, as in a refreshing monitor.
 */
public final class BackendActivityHarness {
    private BackendActivityHarness() {}

    public static void main(String[] args) throws Exception {
        HarnessOptions options = HarnessOptions.parse(args, Set.of("connections", "samples", "warmup"));
        List<Integer> connections = options.integers("connections", List.of(100, 500));
        int samples = options.integer("samples", 200);
        int warmup = options.integer("warmup", 50);
        TestPostgres server = TestPostgres.newest();
        System.out.println("Server: " + server.version());
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
                + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch"));
        System.out.println();
        System.out.println("Times in ms, p50 / p90 / p99. 'new connection': a DataSource without pool, one connection"
                + " per call; the others reuse one connection, as a pool would.");
        System.out.println();
        System.out.println("| sessions (active) | rows | activity(), new connection | activity() |"
                + " activity() + OS figures | pg_activity refresh | activity4j with OS figures / pg_activity (p50) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int n : connections) {
            run(server, n, samples, warmup);
        }
    }

    private static void run(TestPostgres server, int n, int samples, int warmup) throws Exception {
        try (TestDatabase db = server.createDatabase()) {
            List<TestSession> sessions = new ArrayList<>();
            int active = n / 5;
            for (int i = 0; i < n; i++) {
                TestSession s = db.openSession();
                sessions.add(s);
                if (i < active) {
                    s.start("SELECT pg_sleep(3600)");
                } else {
                    s.execute("SELECT 1");
                }
            }
            db.awaitTrue(
                    "SELECT count(*) >= ? FROM pg_stat_activity WHERE datname = current_database()"
                            + " AND state = 'active' AND query LIKE 'SELECT pg_sleep%'",
                    active);
            double[] fresh = time(BackendInspector.postgres(db.dataSource()), samples, warmup);
            double[] without;
            double[] with;
            int rows;
            try (OneConnectionDataSource connection =
                    new OneConnectionDataSource(db.dataSource().getConnection())) {
                BackendInspector plain = BackendInspector.postgres(connection);
                BackendInspector withOs = BackendInspector.builder(connection)
                        .processStats(OshiProcessStats.create())
                        .build();
                rows = plain.activity().size();
                without = time(plain, samples, warmup);
                with = time(withOs, samples, warmup);
            }
            String pgActivity = pgActivity(db, samples, warmup);
            String ratio = "n/a";
            if (!pgActivity.startsWith("not")) {
                double p50 = Double.parseDouble(pgActivity.split(" / ", -1)[0]);
                ratio = String.format(Locale.ROOT, "%.2f", with[0] / p50);
            }
            System.out.printf(
                    Locale.ROOT,
                    "| %d (%d) | %d | %s | %s | %s | %s | %s |%n",
                    n,
                    active,
                    rows,
                    format(fresh),
                    format(without),
                    format(with),
                    pgActivity,
                    ratio);
        }
    }

    private static double[] time(BackendInspector inspector, int samples, int warmup) {
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += inspector.activity().size();
        }
        double[] millis = new double[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            List<Backend> rows = inspector.activity();
            millis[i] = (System.nanoTime() - start) / 1e6;
            sink += rows.size();
        }
        if (sink < 0) {
            throw new AssertionError(sink);
        }
        Arrays.sort(millis);
        return new double[] {pct(millis, 0.5), pct(millis, 0.9), pct(millis, 0.99)};
    }

    private static double pct(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    private static String format(double[] p) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", p[0], p[1], p[2]);
    }

    /** pg_activity's refresh on the same database, or why it did not run. */
    private static String pgActivity(TestDatabase db, int samples, int warmup)
            throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty(
                "activity4j.pg_activity.script", "activity4j-benchmarks/src/main/python/pg_activity_refresh.py"));
        if (!Files.isRegularFile(script) || !Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/pgactivity"))) {
            return "not run (needs the Debian package pg-activity and " + script + ")";
        }
        URI uri = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        Process process = new ProcessBuilder(
                        "/usr/bin/python3",
                        script.toString(),
                        "--host",
                        uri.getHost(),
                        "--port",
                        Integer.toString(uri.getPort()),
                        "--dbname",
                        db.name(),
                        "--samples",
                        Integer.toString(samples),
                        "--warmup",
                        Integer.toString(warmup))
                .redirectErrorStream(true)
                .start();
        List<String> output = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            reader.lines().forEach(output::add);
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            return "failed: " + String.join(" ", output);
        }
        String last = output.get(output.size() - 1);
        String p50 = field(last, "p50");
        return p50 + " / " + field(last, "p90") + " / " + field(last, "p99");
    }

    private static String field(String line, String name) {
        for (String part : line.split(" ", -1)) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new IllegalStateException("no " + name + " in " + line);
    }
}
