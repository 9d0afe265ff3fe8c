package org.activity4j.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

/**
 * One PostgreSQL session (a backend) driven by a test: statements run on the session's own thread, so a
 * statement that blocks on a lock can be started with {@link #start(String)} while the test goes on.
 *
 * <pre>{@code
 * TestSession holder = db.openSession();
 * holder.execute("BEGIN; SELECT * FROM t WHERE id = 1 FOR UPDATE");
 * TestSession waiter = db.openSession();
 * CompletableFuture<Void> update = waiter.start("UPDATE t SET v = 2 WHERE id = 1");
 * db.awaitWaitingOnLock(waiter.pid());
 * }</pre>
 *
 * <p>A new session has run no query (its pid comes from the connection's startup data).
 *
 * <p>Thread-safe; statements of one session run one at a time, in order.
 */
public final class TestSession implements AutoCloseable {
    private final Connection connection;
    private final int pid;
    private final ExecutorService thread;
    private volatile @Nullable Statement running;

    TestSession(DataSource dataSource) {
        try {
            this.connection = dataSource.getConnection();
            // From the connection's startup data, so that a new session has run no query at all.
            this.pid = connection.unwrap(PGConnection.class).getBackendPID();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open a session: " + e.getMessage(), e);
        }
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "test-session-" + pid);
            t.setDaemon(true);
            return t;
        });
    }

    /** The backend's process id. */
    public int pid() {
        return pid;
    }

    /** Runs {@code sql} and waits for it to finish; SQL errors become {@link IllegalStateException}. */
    public void execute(String sql) {
        try {
            start(sql).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(sql + " failed: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException(sql + " did not finish within 60 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + sql, e);
        }
    }

    /** Starts {@code sql} on the session's thread; the future fails with the {@link SQLException}, if any. */
    public CompletableFuture<Void> start(String sql) {
        return CompletableFuture.runAsync(
                () -> {
                    try (Statement s = connection.createStatement()) {
                        running = s;
                        s.execute(sql);
                    } catch (SQLException e) {
                        throw new CompletionException(e);
                    } finally {
                        running = null;
                    }
                },
                thread);
    }

    /** Cancels a running statement, if any, and closes the connection. */
    @Override
    public void close() {
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot cancel the statement of session " + pid, e);
            }
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot close session " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing session " + pid, e);
        }
    }

    @Override
    public String toString() {
        return "session " + pid;
    }
}
