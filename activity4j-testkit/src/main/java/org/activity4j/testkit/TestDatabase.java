package org.activity4j.testkit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own for one test, on a shared {@link TestPostgres} server. Sessions opened through it
 * are closed, their backends ended and the database dropped by {@link #close()}.
 *
 * <pre>{@code
 * try (TestDatabase db = TestPostgres.of(16).createDatabase()) {
 *     db.execute("CREATE TABLE t (id int PRIMARY KEY)");
 *     TestSession a = db.openSession();
 *     a.execute("BEGIN; LOCK TABLE t");
 *     TestRole monitor = db.createRole("pg_monitor");
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TestDatabase implements AutoCloseable {
    private static final Duration AWAIT = Duration.ofSeconds(30);

    private final TestPostgres server;
    private final String name;
    private final List<TestSession> sessions = new ArrayList<>();
    private final List<TestRole> roles = new ArrayList<>();

    TestDatabase(TestPostgres server, String name) {
        this.server = server;
        this.name = name;
    }

    /** The server this database lives on. */
    public TestPostgres server() {
        return server;
    }

    /** The database name. */
    public String name() {
        return name;
    }

    /** A JDBC URL of this database, without user or password. */
    public String jdbcUrl() {
        return server.jdbcUrl(name);
    }

    /** Connections to this database as the server's superuser. */
    public DataSource dataSource() {
        return dataSource(server.superuser(), server.superuserPassword());
    }

    /** Connections to this database as {@code role}. */
    public DataSource dataSource(TestRole role) {
        return dataSource(role.name(), role.password());
    }

    private DataSource dataSource(String user, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(jdbcUrl());
        ds.setUser(user);
        ds.setPassword(password);
        ds.setApplicationName("activity4j-testkit");
        // Startup parameters instead of a SET after connecting: a new session has run no query.
        ds.setAssumeMinServerVersion("12");
        return ds;
    }

    /** Runs {@code sql} (one or more statements) as the superuser in its own connection. */
    public void execute(String sql) {
        try (Connection c = dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    /** The first column of {@code sql}'s rows as ints, run as the superuser with {@code parameters}. */
    public List<Integer> queryInts(String sql, Object... parameters) {
        try (Connection c = dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<Integer> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getInt(1));
                }
            }
            return List.copyOf(values);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * A new login role with a unique name and password, member of {@code memberOf} (e.g. {@code pg_monitor});
     * dropped by {@link #close()}.
     */
    public synchronized TestRole createRole(String... memberOf) {
        TestRole role = server.createRole(memberOf);
        roles.add(role);
        return role;
    }

    /** A new session (its own connection and thread) as the superuser. */
    public TestSession openSession() {
        return register(new TestSession(dataSource()));
    }

    /** A new session (its own connection and thread) as {@code role}. */
    public TestSession openSession(TestRole role) {
        return register(new TestSession(dataSource(role)));
    }

    private synchronized TestSession register(TestSession session) {
        sessions.add(session);
        return session;
    }

    /** Waits until backend {@code pid} waits on a heavyweight lock ({@code wait_event_type = 'Lock'}). */
    public void awaitWaitingOnLock(int pid) {
        awaitTrue("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = ? AND wait_event_type = 'Lock')", pid);
    }

    /**
     * Waits, polling, until the one-column boolean query {@code sql} with {@code parameters} answers true;
     * fails after 30 seconds.
     */
    public void awaitTrue(String sql, Object... parameters) {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        try (Connection c = dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            while (true) {
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next() && rs.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("still false after " + AWAIT + ": " + sql);
                }
                Thread.sleep(20);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + sql, e);
        }
    }

    /** Closes the sessions, ends any other backend on the database, drops it and the roles created for it. */
    @Override
    public void close() {
        List<TestSession> open;
        List<TestRole> created;
        synchronized (this) {
            open = List.copyOf(sessions);
            sessions.clear();
            created = List.copyOf(roles);
            roles.clear();
        }
        for (TestSession session : open) {
            session.close();
        }
        server.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
        dropWhenGone();
        for (TestRole role : created) {
            server.execute("DROP ROLE IF EXISTS " + role.name());
        }
    }

    private void dropWhenGone() {
        long deadline = System.nanoTime() + AWAIT.toNanos();
        while (true) {
            try {
                server.execute("DROP DATABASE IF EXISTS " + name);
                return;
            } catch (IllegalStateException e) {
                // A terminated backend may still be exiting ("database is being accessed by other users").
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while dropping " + name, e);
            }
        }
    }

    @Override
    public String toString() {
        return "database " + name + " on " + server.description();
    }
}
