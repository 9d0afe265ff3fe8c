package org.activity4j.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.activity4j.testkit.internal.EmbeddedServer;
import org.activity4j.testkit.internal.ExplicitServer;
import org.activity4j.testkit.internal.ServerHandle;
import org.activity4j.testkit.internal.Settings;
import org.jspecify.annotations.Nullable;

/**
 * A running PostgreSQL server of one major version, for tests and demos. Each version is started once
 * per JVM and shared; tests get their own database from {@link #createDatabase()}.
 *
 * <p>Where the server comes from, first match wins (TESTING.md has the details):
 * <ol>
 *   <li>{@code ACTIVITY4J_PG<major>_URL} (e.g. {@code ACTIVITY4J_PG16_URL}) or, for any version,
 *       {@code ACTIVITY4J_PG_URL}: an existing server, reached as a superuser; its version must match;</li>
 *   <li>otherwise zonky's PostgreSQL binaries of that major, started on localhost.</li>
 * </ol>
 *
 * <pre>{@code
 * TestPostgres server = TestPostgres.of(17);
 * try (TestDatabase db = server.createDatabase()) {
 *     DataSource ds = db.dataSource();
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TestPostgres {
    private static final Map<Integer, TestPostgres> SERVERS = new ConcurrentHashMap<>();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
    private static volatile @Nullable TestPostgres explicit;

    private final ServerHandle handle;
    private final int major;
    private final String version;

    private TestPostgres(ServerHandle handle) {
        this.handle = handle;
        try (Connection c = connect(handle, "postgres");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int, version()")) {
            rs.next();
            this.major = rs.getInt(1) / 10000;
            this.version = rs.getString(2);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot query " + handle.description() + ": " + e.getMessage(), e);
        }
    }

    /** The server of major version {@code major} (12 to 18), started on first use. */
    public static TestPostgres of(int major) {
        PostgresVersions.checkSupported(major);
        return SERVERS.computeIfAbsent(major, TestPostgres::open);
    }

    /** The newest version of the test matrix: what a demo starts by default. */
    public static TestPostgres newest() {
        var matrix = PostgresVersions.matrix();
        return of(matrix.get(matrix.size() - 1));
    }

    private static TestPostgres open(int major) {
        Optional<String> url = Settings.get("activity4j.pg" + major + ".url", "ACTIVITY4J_PG" + major + "_URL");
        TestPostgres server;
        if (url.isPresent()) {
            server = new TestPostgres(ExplicitServer.parse(url.get(), "ACTIVITY4J_PG" + major + "_URL"));
        } else if (Settings.get("activity4j.pg.url", "ACTIVITY4J_PG_URL").isPresent()) {
            server = explicit();
        } else {
            return new TestPostgres(EmbeddedServer.start(major));
        }
        if (server.major != major) {
            throw new IllegalStateException("asked for PostgreSQL " + major + " but " + server.handle.description()
                    + " runs " + server.version);
        }
        return server;
    }

    static synchronized TestPostgres explicit() {
        TestPostgres server = explicit;
        if (server == null) {
            String url = Settings.get("activity4j.pg.url", "ACTIVITY4J_PG_URL")
                    .orElseThrow(() -> new IllegalStateException("ACTIVITY4J_PG_URL is not set"));
            server = new TestPostgres(ExplicitServer.parse(url, "ACTIVITY4J_PG_URL"));
            explicit = server;
        }
        return server;
    }

    /** The major version, e.g. {@code 17}. */
    public int major() {
        return major;
    }

    /** The server's {@code version()} text. */
    public String version() {
        return version;
    }

    /** Where the server comes from, e.g. {@code embedded PostgreSQL 17 on port 40123}. */
    public String description() {
        return handle.description();
    }

    /** A JDBC URL of the {@code postgres} database, without user or password. */
    public String jdbcUrl() {
        return handle.jdbcUrl("postgres");
    }

    /** A new, empty database with a unique name, owned by the superuser. Close it to drop it. */
    public TestDatabase createDatabase() {
        String name = "a4j_" + RUN + "_" + COUNTER.incrementAndGet();
        execute("CREATE DATABASE " + name);
        return new TestDatabase(this, name);
    }

    /**
     * A new, empty database with a unique name in {@code encoding} (e.g. {@code SQL_ASCII}, with the C
     * locale), owned by the superuser. Close it to drop it.
     */
    public TestDatabase createDatabase(String encoding) {
        if (!encoding.matches("[A-Z0-9_]+")) {
            throw new IllegalArgumentException("not an encoding name: " + encoding);
        }
        String name = "a4j_" + RUN + "_" + COUNTER.incrementAndGet();
        execute("CREATE DATABASE " + name + " ENCODING '" + encoding + "' LC_COLLATE 'C' LC_CTYPE 'C'"
                + " TEMPLATE template0");
        return new TestDatabase(this, name);
    }

    /** A new login role with a unique name and password, member of {@code memberOf} (e.g. pg_monitor). */
    TestRole createRole(String... memberOf) {
        String name = "a4j_" + RUN + "_role_" + COUNTER.incrementAndGet();
        String password = UUID.randomUUID().toString();
        // Identifiers cannot be bind parameters; the name is ours and the password is a UUID.
        execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + password + "'");
        for (String role : memberOf) {
            if (!role.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("not a plain role name: " + role);
            }
            execute("GRANT " + role + " TO " + name);
        }
        return new TestRole(name, password);
    }

    String jdbcUrl(String database) {
        return handle.jdbcUrl(database);
    }

    String superuser() {
        return handle.user();
    }

    String superuserPassword() {
        return handle.password();
    }

    void execute(String sql) {
        try (Connection c = connect(handle, "postgres");
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + handle.description() + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(ServerHandle handle, String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", handle.user());
        properties.setProperty("password", handle.password());
        return DriverManager.getConnection(handle.jdbcUrl(database), properties);
    }
}
