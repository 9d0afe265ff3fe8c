package org.activity4j.benchmarks;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.activity4j.benchmarks.baseline.OldProcessSampler;
import org.activity4j.core.Backend;
import org.activity4j.core.BackendInspector;
import org.activity4j.core.BackendProcess;
import org.activity4j.core.ProcessStats;
import org.activity4j.core.ProcessStatsSource;
import org.activity4j.procstats.OshiProcessStats;
import org.activity4j.testkit.OneConnectionDataSource;
import org.activity4j.testkit.TestDatabase;
import org.activity4j.testkit.TestPostgres;
import org.activity4j.testkit.TestSession;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * OS figures of 500 backends (issue 17): {@code activity()} over one reused connection without OS figures
 * ({@code none}), with the sampler before issue 17 ({@code old}, {@link OldProcessSampler}: open, read as a
 * string and close two {@code /proc} files per backend per call) and with the current {@link
 * OshiProcessStats} ({@code new}: files kept open, re-read at offset 0 into one buffer); and the sampling alone
 * ({@code sample}, the backends' pids and start times read once). 20% of the sessions run {@code pg_sleep},
 * the rest are idle; rates come from the previous call, as in a refreshing monitor. Run as root (or as the
 * server's user) so that every {@code /proc/<pid>/io} is readable. See PERFORMANCE.md.
 *
 * <pre>{@code
 * java -jar activity4j-benchmarks/target/benchmarks.jar ProcessStatsBenchmark -f 1
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ProcessStatsBenchmark {

    @Param({"500"})
    public int sessions;

    @Param({"none", "old", "new"})
    public String figures = "";

    private @Nullable TestDatabase db;
    private final List<TestSession> open = new ArrayList<>();
    private @Nullable OneConnectionDataSource connection;
    private @Nullable ProcessStatsSource source;
    private @Nullable BackendInspector inspector;
    private List<BackendProcess> processes = List.of();

    @Setup
    public void setUp() throws SQLException {
        TestDatabase database = TestPostgres.newest().createDatabase();
        db = database;
        int active = sessions / 5;
        for (int i = 0; i < sessions; i++) {
            TestSession s = database.openSession();
            open.add(s);
            if (i < active) {
                s.start("SELECT pg_sleep(3600)");
            } else {
                s.execute("SELECT 1");
            }
        }
        database.awaitTrue(
                "SELECT count(*) >= ? FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND state = 'active' AND query LIKE 'SELECT pg_sleep%'",
                active);
        OneConnectionDataSource one =
                new OneConnectionDataSource(database.dataSource().getConnection());
        connection = one;
        Duration window = Duration.ofMillis(100);
        ProcessStatsSource chosen = switch (figures) {
            case "none" -> null;
            case "old" -> new OldProcessSampler(window, Duration.ofSeconds(2));
            case "new" -> OshiProcessStats.builder().firstSampleWindow(window).build();
            default -> throw new IllegalArgumentException("figures must be none, old or new: " + figures);
        };
        source = chosen;
        BackendInspector.Builder builder = BackendInspector.builder(one);
        if (chosen != null) {
            builder.processStats(chosen);
        }
        inspector = builder.build();
        List<BackendProcess> list = new ArrayList<>();
        for (Backend b : BackendInspector.postgres(one).activity()) {
            b.backendStart().ifPresent(start -> list.add(BackendProcess.of(b.pid(), start)));
        }
        if (list.size() < sessions) {
            throw new IllegalStateException("expected " + sessions + " backends, saw " + list.size());
        }
        processes = List.copyOf(list);
        if (chosen != null) {
            chosen.sample(processes); // the first call pauses once for the rates' first window
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        if (source instanceof AutoCloseable c) {
            c.close();
        }
        if (connection != null) {
            connection.close();
        }
        open.forEach(TestSession::close);
        open.clear();
        if (db != null) {
            db.close();
        }
    }

    @Benchmark
    public List<Backend> activity() {
        return java.util.Objects.requireNonNull(inspector).activity();
    }

    @Benchmark
    public Map<Integer, ProcessStats> sample() {
        ProcessStatsSource s = source;
        return s == null ? Map.of() : s.sample(processes);
    }
}
