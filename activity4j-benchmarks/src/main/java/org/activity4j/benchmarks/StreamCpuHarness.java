package org.activity4j.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.stream.Stream;
import org.activity4j.core.Activity;
import org.activity4j.query.QueryCriteria;

/**
 * Where the time of {@code streamActivities} goes on PostgreSQL: for each round, the wall time of streaming
 * every match, the CPU time of the thread that consumed the stream (the client: pgjdbc and the store's
 * decoding), and the CPU time of the benchmark's PostgreSQL server, its postmaster and every descendant
 * ({@link AgentServerCpuHarness#treeTicks}: the backends serving the pages, plus whatever the background
 * processes did meanwhile). Linux only: the server's time is read from {@code /proc/<pid>/stat}.
 *
 * <pre>{@code
 * java -Dactivity4j.bench.activities=200000 -cp benchmarks.jar \
 *   org.activity4j.benchmarks.StreamCpuHarness '' 5000 14
 * }</pre>
 */
public final class StreamCpuHarness {
    /** {@code /proc/<pid>/stat} counts CPU in ticks of 10 ms on Linux (USER_HZ 100). */
    private static final long MS_PER_TICK = 10;

    private StreamCpuHarness() {}

    /**
     * Runs the rounds.
     *
     * @param args the query, the page size, the number of rounds
     * @throws IOException if {@code /proc} or the server's {@code postmaster.pid} cannot be read
     * @throws SQLException if the server's data directory cannot be asked for
     */
    public static void main(String[] args) throws IOException, SQLException {
        if (args.length != 3) {
            throw new IllegalArgumentException(
                    "usage: StreamCpuHarness <query> <page size> <rounds>, not " + Arrays.toString(args));
        }
        QueryCriteria query = QueryCriteria.parse(args[0]);
        int pageSize = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        ActivityData data = ActivityData.get();
        int postmaster = postmasterPid(data);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.println("| round | activities | wall ms | activities/s | client thread CPU ms | postgres CPU ms |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (int round = 1; round <= rounds; round++) {
            long server0 = AgentServerCpuHarness.treeTicks(postmaster);
            long client0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            long n;
            try (Stream<Activity> all = data.postgres.streamActivities(query, pageSize)) {
                n = all.count();
            }
            long wall = System.nanoTime() - wall0;
            long client = threads.getCurrentThreadCpuTime() - client0;
            long server = (AgentServerCpuHarness.treeTicks(postmaster) - server0) * MS_PER_TICK;
            System.out.printf(
                    "| %d | %,d | %,d | %,.0f | %,d | %,d |%n",
                    round, n, wall / 1_000_000, n * 1e9 / wall, client / 1_000_000, server);
        }
    }

    /** The pid of the PostgreSQL server behind {@code data}: the first line of its {@code postmaster.pid}. */
    private static int postmasterPid(ActivityData data) throws IOException, SQLException {
        String directory;
        try (Connection c = data.database.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW data_directory")) {
            rs.next();
            directory = rs.getString(1);
        }
        return Integer.parseInt(
                Files.readAllLines(Path.of(directory, "postmaster.pid")).get(0).trim());
    }
}
