package org.activity4j.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.activity4j.core.internal.PostgresBackendInspector;
import org.jspecify.annotations.Nullable;

/**
 * What a PostgreSQL server's backends do, which of them wait on locks and which block them; terminate or
 * cancel backends. Works on PostgreSQL 12 to 18; lock relations use {@code pg_blocking_pids()}, so they are
 * exact for row, table, advisory and virtualxid locks.
 *
 * <pre>{@code
 * BackendInspector inspector = BackendInspector.postgres(dataSource);
 * List<Backend> rows = inspector.activity();            // longest-running first
 * List<LockWait> waiting = inspector.waiting();
 * List<SignalResult> killed = inspector.terminate(List.of(pid));
 * }</pre>
 *
 * <p>The local implementation uses one connection of the {@link DataSource} per call, and never lists or
 * signals that connection. As a superuser or a member of {@code pg_monitor} or {@code pg_read_all_stats} it
 * sees every backend in full; a role with neither sees other roles' backends with the pid, database, user and
 * application name only (the other parts empty, never substituted, see {@link Backend}). Lock relations come
 * from {@code pg_locks} and {@code pg_blocking_pids}, which every role can read, so they are complete for all.
 *
 * <p>One call reads one snapshot: {@code pg_stat_activity} is read by one statement. {@link #waiting()} and
 * {@link #blocking()} (and the other methods when a backend is blocked by a prepared transaction) then read
 * {@code pg_locks} by one more statement, together with each waiter's {@code pg_blocking_pids}; lock rows of a
 * pid that the first statement did not list (it started or ended in between) are left out, so everything a
 * call returns refers to backends that the same call lists. Text is decoded as {@link Backend#query()} says:
 * never failing, malformed bytes shown as U+FFFD.
 *
 * <p>Implementations are thread-safe. Every method throws {@link BackendUnavailableException} when the
 * server cannot be reached or fails.
 */
public interface BackendInspector {

    /** An inspector of the server behind {@code dataSource}, without OS figures. */
    static BackendInspector postgres(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /** A builder of an inspector of the server behind {@code dataSource}. */
    static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * Client backends and their parallel workers, except the inspector's own connection; idle ones and
     * ones that never ran a query included (with zero duration). Longest-running first (oldest
     * {@code queryStart}), never-queried last.
     */
    List<Backend> activity();

    /**
     * One row per lock a backend waits for, with the pids blocking it (each once, never 0) and the prepared
     * transactions blocking it; longest-running first.
     */
    List<LockWait> waiting();

    /**
     * One row per blocker, object and {@linkplain LockHolder.Kind way of blocking}: a granted lock in a mode
     * that conflicts with the waiters' (PostgreSQL's conflict table), or a request queued ahead of them;
     * prepared transactions included. Longest-running first, then by blocker and object.
     */
    List<LockHolder> blocking();

    /**
     * Who blocks whom, as a forest in the shape {@link LockTreeNode} defines: each backend once, under the
     * deepest blocker it waits on directly, blockers of any kind (autovacuum, background workers, prepared
     * transactions) as nodes. Roots ordered by how many backends they block, most first.
     */
    List<LockTreeNode> lockTree();

    /**
     * Terminates ({@code pg_terminate_backend}) each distinct pid once: one result per distinct pid, in the
     * order of its first appearance in {@code pids} (a pid given twice is answered once). A refused pid does
     * not stop the others. The PostgreSQL implementation sends one statement for the whole list, which checks
     * the caller's privileges as the server does before it signals (a pid the server would refuse is {@link
     * SignalResult.Outcome#INSUFFICIENT_PRIVILEGE} with a message saying why) and never signals its own
     * connection ({@link SignalResult.Outcome#OWN_CONNECTION}) or a pid that {@code pg_stat_activity} does not
     * list ({@link SignalResult.Outcome#NOT_A_BACKEND}).
     *
     * @throws IllegalArgumentException if a pid is {@code <= 0}; then no signal is sent
     */
    List<SignalResult> terminate(List<Integer> pids);

    /** Cancels ({@code pg_cancel_backend}) the current query of each pid; otherwise as {@link #terminate}. */
    List<SignalResult> cancel(List<Integer> pids);

    /**
     * This inspector without OS figures: the same server, connection and settings, but its calls neither read
     * nor return {@link Backend#processStats()} (they are {@linkplain ProcessStats#isKnown() unknown}). For
     * callers that do not show them, such as a plain list of sessions: with a {@link ProcessStatsSource},
     * reading each backend's figures is a large part of a call's cost. The view does not change this inspector;
     * its {@link #terminate} and {@link #cancel} are this inspector's.
     *
     * <pre>{@code
     * BackendInspector withFigures = BackendInspector.builder(dataSource).processStats(source).build();
     * BackendInspector plain = withFigures.withoutProcessStats();  // build once, keep, use for lists
     * List<Backend> sessions = plain.activity();                  // no /proc read
     * }</pre>
     *
     * <p>The default returns {@code this}, which is right for an implementation that never has OS figures; one
     * that has them overrides it, as every inspector and client of activity4j does (the remote clients' views
     * leave out whatever figures the agent sends, and ask it for fewer where its API allows).
     */
    default BackendInspector withoutProcessStats() {
        return this;
    }

    /**
     * Options of a PostgreSQL {@link BackendInspector}.
     *
     * <pre>{@code
     * BackendInspector.builder(dataSource).processStats(source).statementTimeout(Duration.ofSeconds(2)).build();
     * }</pre>
     *
     * <p>Not thread-safe; the inspector it builds is.
     */
    final class Builder {
        /** The default bound of each call's statements: 5 seconds. */
        public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(5);

        private final DataSource dataSource;
        private @Nullable ProcessStatsSource processStats;
        private Duration statementTimeout = DEFAULT_STATEMENT_TIMEOUT;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** Adds OS figures from {@code source} to every backend. */
        public Builder processStats(ProcessStatsSource source) {
            this.processStats = Objects.requireNonNull(source, "source");
            return this;
        }

        /**
         * Bounds each call's statements ({@code SET LOCAL statement_timeout} in the call's transaction, so the
         * pool's connections keep their settings); a call that runs longer throws {@link
         * BackendUnavailableException}. Default {@link #DEFAULT_STATEMENT_TIMEOUT}; {@link Duration#ZERO} sets
         * no bound of the inspector's own (the server's or the role's setting applies).
         *
         * @throws IllegalArgumentException if negative or above {@code Integer.MAX_VALUE} milliseconds
         */
        public Builder statementTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.compareTo(PostgresStoreOptions.MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException(
                        "statement timeout must be between 0 and " + PostgresStoreOptions.MAX_TIMEOUT + ": " + timeout);
            }
            this.statementTimeout = timeout;
            return this;
        }

        /** The inspector. */
        public BackendInspector build() {
            return new PostgresBackendInspector(dataSource, processStats, statementTimeout);
        }
    }
}
