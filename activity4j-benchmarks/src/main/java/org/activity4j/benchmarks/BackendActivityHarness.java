package org.activity4j.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.activity4j.benchmarks.baseline.OldProcessSampler;
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
 * <p>Times are wall-clock milliseconds of one call, sampled back to back after a warm-up, and CPU time per
 * call of the caller (this thread, {@code ThreadMXBean}; pg_activity's Python process) and of the server
 * backend that answers it ({@code /proc/<pid>/stat} utime + stime): CPU per call is what a loaded machine
 * distorts least. The OS figures are rates from the previous call, as in a refreshing monitor; {@code old OS
 * figures} is the sampler before issue 17 ({@link OldProcessSampler}).
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
        System.out.println("Times in ms. Wall: p50 / p90 / p99 of one call. CPU: per call, the caller's (JVM thread"
                + " or Python process) + its server backend's (/proc utime+stime). 'new connection': a DataSource"
                + " without pool; the others reuse one connection, as a pool would. 'old OS figures': the sampler"
                + " before issue 17 (baseline.OldProcessSampler); 'OS figures': OshiProcessStats.");
        System.out.println();
        System.out.println(
                "| sessions (active) | rows | what | wall p50 / p90 / p99 | CPU per call: caller + server |");
        System.out.println("|---|---|---|---|---|");
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
            String head = String.format(Locale.ROOT, "| %d (%d) |", n, active);
            Timing fresh = time(BackendInspector.postgres(db.dataSource()), -1, samples, warmup);
            int rows;
            try (OneConnectionDataSource connection =
                            new OneConnectionDataSource(db.dataSource().getConnection());
                    OshiProcessStats os = OshiProcessStats.create()) {
                int backend = backendPid(connection);
                BackendInspector plain = BackendInspector.postgres(connection);
                rows = plain.activity().size();
                head += " " + rows + " |";
                print(head, "activity(), new connection", fresh);
                print(head, "activity()", time(plain, backend, samples, warmup));
                BackendInspector old = BackendInspector.builder(connection)
                        .processStats(new OldProcessSampler(Duration.ofMillis(100), Duration.ofSeconds(2)))
                        .build();
                print(head, "activity() + old OS figures", time(old, backend, samples, warmup));
                BackendInspector withOs =
                        BackendInspector.builder(connection).processStats(os).build();
                print(head, "activity() + OS figures", time(withOs, backend, samples, warmup));
            }
            System.out.println(head + " pg_activity refresh | " + pgActivity(db, samples, warmup) + " |");
        }
    }

    private static void print(String head, String what, Timing t) {
        System.out.printf(
                Locale.ROOT,
                "%s %s | %.2f / %.2f / %.2f | %s |%n",
                head,
                what,
                t.wall[0],
                t.wall[1],
                t.wall[2],
                t.serverCpu < 0
                        ? String.format(Locale.ROOT, "%.2f + n/a", t.cpu)
                        : String.format(Locale.ROOT, "%.2f + %.2f", t.cpu, t.serverCpu));
    }

    /** Wall-time percentiles, and CPU milliseconds per call of the calling thread and of the server backend. */
    private record Timing(double[] wall, double cpu, double serverCpu) {}

    private static int backendPid(OneConnectionDataSource connection) throws SQLException {
        try (Statement s = connection.getConnection().createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** utime + stime of a process, in ms. */
    private static double cpuMillis(int pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 1000.0 / 100; // USER_HZ is 100 on Linux
    }

    private static Timing time(BackendInspector inspector, int backend, int samples, int warmup) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += inspector.activity().size();
        }
        double[] millis = new double[samples];
        long cpuStart = threads.getCurrentThreadCpuTime();
        double serverStart = backend > 0 ? cpuMillis(backend) : 0;
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            List<Backend> rows = inspector.activity();
            millis[i] = (System.nanoTime() - start) / 1e6;
            sink += rows.size();
        }
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / samples;
        double serverCpu = backend > 0 ? (cpuMillis(backend) - serverStart) / samples : -1;
        if (sink < 0) {
            throw new AssertionError(sink);
        }
        Arrays.sort(millis);
        return new Timing(new double[] {pct(millis, 0.5), pct(millis, 0.9), pct(millis, 0.99)}, cpu, serverCpu);
    }

    private static double pct(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))];
    }

    /** pg_activity's refresh on the same database, or why it did not run. */
    private static String pgActivity(TestDatabase db, int samples, int warmup)
            throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty(
                "activity4j.pg_activity.script", "activity4j-benchmarks/src/main/python/pg_activity_refresh.py"));
        if (!Files.isRegularFile(script) || !Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/pgactivity"))) {
            return "not run (needs the Debian package pg-activity and " + script + ") | n/a";
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
        return field(last, "p50") + " / " + field(last, "p90") + " / " + field(last, "p99") + " | " + field(last, "cpu")
                + " + " + field(last, "server_cpu");
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
