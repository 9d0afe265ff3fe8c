package org.activity4j.testkit.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * A PostgreSQL server started from zonky's binaries of one major version, listening on localhost. It stops
 * when the JVM exits. zonky's binaries run as root too (verified on 12 to 18).
 */
public final class EmbeddedServer implements ServerHandle {
    private final EmbeddedPostgres postgres;
    private final int major;

    private static final String SETTING_PREFIX = "activity4j.pg.server.";

    private EmbeddedServer(EmbeddedPostgres postgres, int major) {
        this.postgres = postgres;
        this.major = major;
    }

    /** Starts PostgreSQL {@code major} from the binaries jar found by {@link BinaryJars}. */
    public static EmbeddedServer start(int major) {
        Path jar = BinaryJars.find(major);
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPgBinaryResolver((system, machine) -> binaries(jar, system, machine))
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // Room for the benchmark's 500 sessions; small memory so that seven servers fit.
                    .setServerConfig("max_connections", "600")
                    .setServerConfig("shared_buffers", "32MB")
                    // Prepared transactions block like backends without one: the inspector's tests need them.
                    .setServerConfig("max_prepared_transactions", "10")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
            // -Dactivity4j.pg.server.<setting>=<value> overrides or adds a server setting (benchmarks on
            // large data sets raise shared_buffers this way).
            for (String name : System.getProperties().stringPropertyNames()) {
                if (name.startsWith(SETTING_PREFIX) && name.length() > SETTING_PREFIX.length()) {
                    builder.setServerConfig(name.substring(SETTING_PREFIX.length()), System.getProperty(name, ""));
                }
            }
            EmbeddedPostgres postgres = builder.start();
            return new EmbeddedServer(postgres, major);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL " + major + " from " + jar, e);
        }
    }

    private static InputStream binaries(Path jar, String system, String machine) throws IOException {
        String name = ("postgres-" + system + "-" + machine + ".txz").toLowerCase(Locale.ROOT);
        JarFile file = new JarFile(jar.toFile());
        ZipEntry entry = file.getEntry(name);
        if (entry == null) {
            file.close();
            throw new IOException(jar + " has no " + name + " (this system is " + system + "/" + machine + ")");
        }
        InputStream in = file.getInputStream(entry);
        return new InputStream() {
            @Override
            public int read() throws IOException {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return in.read(b, off, len);
            }

            @Override
            public void close() throws IOException {
                try {
                    in.close();
                } finally {
                    file.close();
                }
            }
        };
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String password() {
        return "";
    }

    @Override
    public String description() {
        return "embedded PostgreSQL " + major + " on port " + postgres.getPort();
    }
}
