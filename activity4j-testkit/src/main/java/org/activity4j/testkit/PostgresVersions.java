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

    static int checkSupported(int major) {
        if (major < OLDEST || major > NEWEST) {
            throw new IllegalArgumentException(
                    "PostgreSQL major version must be " + OLDEST + " to " + NEWEST + ": " + major);
        }
        return major;
    }
}
