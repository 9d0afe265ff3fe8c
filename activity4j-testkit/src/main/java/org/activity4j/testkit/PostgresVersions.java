package org.activity4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.activity4j.testkit.internal.Settings;

/**
 * The PostgreSQL major versions tests run on: 12 to 18 by default, or the list in the system property
 * {@code activity4j.pg.versions} / environment variable {@code ACTIVITY4J_PG_VERSIONS} (e.g. {@code 12,18}).
 * When only {@code ACTIVITY4J_PG_URL} is set, the matrix is that server's version alone.
 *
 * <p>{@link #matrixEnds()} is the oldest and the newest major of that matrix: for the tests of a layer above
 * activity4j's PostgreSQL classes (a decorator, a remote client through the agent), whose SQL the PostgreSQL
 * classes' own tests already run on every major. {@code activity4j.pg.every-major} /
 * {@code ACTIVITY4J_PG_EVERY_MAJOR} set to {@code true} makes it the whole matrix again.
 *
 * <pre>{@code
 * for (int major : PostgresVersions.matrix()) {
 *     TestPostgres server = TestPostgres.of(major);
 * }
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class PostgresVersions {
    /** The oldest major version activity4j supports. */
    public static final int OLDEST = 12;
    /** The newest major version activity4j supports. */
    public static final int NEWEST = 18;

    private PostgresVersions() {}

    /** Every supported major version, oldest first. */
    public static List<Integer> supported() {
        return IntStream.rangeClosed(OLDEST, NEWEST).boxed().toList();
    }

    /** The major versions to test on, oldest first. */
    public static List<Integer> matrix() {
        var configured = Settings.get("activity4j.pg.versions", "ACTIVITY4J_PG_VERSIONS");
        if (configured.isPresent()) {
            List<Integer> versions = new ArrayList<>();
            for (String part : configured.get().split(",", -1)) {
                versions.add(checkSupported(Integer.parseInt(part.trim())));
            }
            return versions.stream().distinct().sorted().toList();
        }
        if (Settings.get("activity4j.pg.url", "ACTIVITY4J_PG_URL").isPresent()) {
            return List.of(TestPostgres.explicit().major());
        }
        return supported();
    }

    /**
     * The oldest and the newest major of {@link #matrix()} (its only one when it has one), oldest first; the
     * whole matrix when {@code activity4j.pg.every-major} / {@code ACTIVITY4J_PG_EVERY_MAJOR} is {@code true}.
     *
     * <p>The two ends hold both the narrowest catalogue (the columns PostgreSQL 12 lacks) and the widest (those
     * only the newest has), so a layer that only carries what the PostgreSQL classes read meets both shapes, at
     * two runs instead of seven. Used by {@link PostgresMatrixEnds} and, for parameterized classes, as
     * {@code @MethodSource("org.activity4j.testkit.PostgresVersions#matrixEnds")}.
     *
     * @throws IllegalArgumentException if the every-major setting is neither {@code true} nor {@code false}
     */
    public static List<Integer> matrixEnds() {
        List<Integer> matrix = matrix();
        return everyMajor() ? matrix : ends(matrix);
    }

    static List<Integer> ends(List<Integer> matrix) {
        return matrix.size() <= 2 ? matrix : List.of(matrix.get(0), matrix.get(matrix.size() - 1));
    }

    static boolean everyMajor() {
        return Settings.get("activity4j.pg.every-major", "ACTIVITY4J_PG_EVERY_MAJOR")
                .map(PostgresVersions::parseBoolean)
                .orElse(false);
    }

    static boolean parseBoolean(String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(
                "activity4j.pg.every-major / ACTIVITY4J_PG_EVERY_MAJOR must be true or false: " + value);
    }

    static int checkSupported(int major) {
        if (major < OLDEST || major > NEWEST) {
            throw new IllegalArgumentException(
                    "PostgreSQL major version must be " + OLDEST + " to " + NEWEST + ": " + major);
        }
        return major;
    }
}
