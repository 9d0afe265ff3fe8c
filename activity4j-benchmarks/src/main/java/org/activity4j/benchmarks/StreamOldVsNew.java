package org.activity4j.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.activity4j.query.QueryCriteria;

/**
 * {@code streamActivities} of an older build against this one, in the same JVM on the same data, alternating,
 * for measurements on a loaded machine where two JMH runs one after the other cannot separate versions 1.25x
 * apart. The older build is a benchmarks jar (for example built from {@code main}, copied away) loaded in a
 * class loader of its own; its PostgreSQL store reads the schema {@link ActivityData} loaded, through a pool
 * of its own (4 connections, as this build's). For each query and page size: 3 warm-up rounds, then {@code
 * rounds} rounds that each stream every match once with each build (the order alternating); printed are the
 * medians of each and the median of the per-round ratios (old time / new time) with its quartiles.
 *
 * <pre>{@code
 * java -Dactivity4j.bench.activities=200000 -cp benchmarks.jar \
 *   org.activity4j.benchmarks.StreamOldVsNew /tmp/benchmarks-old.jar 11
 * }</pre>
 */
public final class StreamOldVsNew {
    private StreamOldVsNew() {}

    /**
     * Runs the comparison.
     *
     * @param args the older benchmarks jar, then the number of measured rounds
     * @throws Exception if the older jar cannot be loaded or a stream fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException(
                    "usage: StreamOldVsNew <older benchmarks jar> <rounds>, not " + Arrays.toString(args));
        }
        int rounds = Integer.parseInt(args[1]);
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1: " + rounds);
        }
        ActivityData data = ActivityData.get();
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(data.database.dataSource());
        pool.setMaximumPoolSize(4);
        try (HikariDataSource oldPool = new HikariDataSource(pool);
                URLClassLoader oldJar = new URLClassLoader(
                        new URL[] {Path.of(args[0]).toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Object oldStore = oldJar.loadClass("org.activity4j.core.ActivityStores")
                    .getMethod("postgres", DataSource.class, String.class, Clock.class)
                    .invoke(null, oldPool, "bench", Clock.systemUTC());
            Class<?> oldCriteria = oldJar.loadClass("org.activity4j.query.QueryCriteria");
            Method parse = oldCriteria.getMethod("parse", String.class);
            Method oldStream = oldJar.loadClass("org.activity4j.core.ActivityService")
                    .getMethod("streamActivities", oldCriteria, int.class);
            for (String query : new String[] {"", "status:undelivered"}) {
                Object oldQuery = parse.invoke(null, query);
                QueryCriteria newQuery = QueryCriteria.parse(query);
                for (int pageSize : new int[] {1_000, 5_000, 10_000}) {
                    LongSupplier old = () -> {
                        try (Stream<?> s = (Stream<?>) oldStream.invoke(oldStore, oldQuery, pageSize)) {
                            return s.count();
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException("the older store's stream failed", e);
                        }
                    };
                    LongSupplier current = () -> {
                        try (Stream<?> s = data.postgres.streamActivities(newQuery, pageSize)) {
                            return s.count();
                        }
                    };
                    compare(query, pageSize, rounds, old, current);
                }
            }
        }
        System.exit(0);
    }

    private static void compare(String query, int pageSize, int rounds, LongSupplier old, LongSupplier current)
            throws java.io.IOException {
        long matches = 0;
        for (int w = 0; w < 3; w++) {
            matches = check(matches, old.getAsLong(), w > 0);
            matches = check(matches, current.getAsLong(), true);
        }
        double[] oldMs = new double[rounds];
        double[] newMs = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < 2; k++) {
                boolean isOld = (k == 0) == (r % 2 == 0);
                long t0 = System.nanoTime();
                long n = isOld ? old.getAsLong() : current.getAsLong();
                double ms = (System.nanoTime() - t0) / 1e6;
                matches = check(matches, n, true);
                (isOld ? oldMs : newMs)[r] = ms;
            }
            ratio[r] = oldMs[r] / newMs[r];
        }
        Arrays.sort(oldMs);
        Arrays.sort(newMs);
        Arrays.sort(ratio);
        double o = oldMs[rounds / 2];
        double n = newMs[rounds / 2];
        System.out.printf(
                "query '%s' page %,d: %,d matches; median old %,.0f ms (%,.0f/s), new %,.0f ms (%,.0f/s);"
                        + " ratio old/new %.2fx [q1 %.2f, q3 %.2f]; load %s%n",
                query,
                pageSize,
                matches,
                o,
                matches * 1000 / o,
                n,
                matches * 1000 / n,
                ratio[rounds / 2],
                ratio[rounds / 4],
                ratio[3 * rounds / 4],
                Files.readString(Path.of("/proc/loadavg")).trim());
    }

    /** {@code n}, the matches of the latest stream, checked against {@code matches} when {@code compare}. */
    private static long check(long matches, long n, boolean compare) {
        if (compare && n != matches) {
            throw new IllegalStateException("the two builds streamed " + matches + " and " + n + " matches");
        }
        return n;
    }
}
