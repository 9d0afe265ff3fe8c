package org.activity4j.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One PostgreSQL backend as {@code pg_stat_activity} shows it, with the pids that block it and, when a
 * {@link ProcessStatsSource} is configured and can read it, its OS figures.
 *
 * <pre>{@code
 * for (Backend b : inspector.activity()) {
 *     System.out.println(b.pid() + " " + b.state().orElse("?") + " " + b.duration() + " " + b.query());
 * }
 * }</pre>
 *
 * <p>Fields a role may not see (another role's session, for a role that is neither superuser nor member of
 * {@code pg_monitor}) are empty: client address, backend type, state, wait event, times but
 * {@code backendStart}; {@code query} is the server's {@code <insufficient privilege>}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param pid process id of the backend
 * @param database database name; empty for backends not connected to one
 * @param user role name; empty when not visible
 * @param applicationName {@code application_name}, empty string when not set
 * @param clientAddress client IP address without prefix length; empty for Unix-socket clients
 * @param backendType e.g. {@code client backend}, {@code parallel worker}; empty when not visible
 * @param state e.g. {@code active}, {@code idle}, {@code idle in transaction}
 * @param waitEventType e.g. {@code Lock}, {@code IO}
 * @param waitEvent e.g. {@code transactionid}, {@code relation}
 * @param waitingOnLock whether the backend waits on a heavyweight lock ({@code wait_event_type = 'Lock'})
 * @param query the current or last query; empty string when the session never ran one
 * @param queryStart when the current or last query started; empty when the session never ran one
 * @param transactionStart when the current transaction started
 * @param backendStart when the backend (the connection) started
 * @param stateChange when {@code state} last changed
 * @param duration time since {@code queryStart}; zero when the session never ran a query
 * @param leaderPid the parallel group leader of a parallel worker (PostgreSQL 13+)
 * @param queryId the query identifier (PostgreSQL 14+, when {@code compute_query_id} is on)
 * @param blockedBy pids blocking this backend ({@code pg_blocking_pids}), ascending
 * @param processStats OS figures, {@link ProcessStats#unknown()} when not available
 */
public record Backend(
        int pid,
        Optional<String> database,
        Optional<String> user,
        String applicationName,
        Optional<String> clientAddress,
        Optional<String> backendType,
        Optional<String> state,
        Optional<String> waitEventType,
        Optional<String> waitEvent,
        boolean waitingOnLock,
        String query,
        Optional<Instant> queryStart,
        Optional<Instant> transactionStart,
        Instant backendStart,
        Optional<Instant> stateChange,
        Duration duration,
        OptionalInt leaderPid,
        OptionalLong queryId,
        List<Integer> blockedBy,
        ProcessStats processStats) {

    public Backend {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be > 0: " + pid);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        blockedBy = List.copyOf(blockedBy);
    }

    /** This backend with {@code stats} as its OS figures. */
    public Backend withProcessStats(ProcessStats stats) {
        return new Backend(
                pid,
                database,
                user,
                applicationName,
                clientAddress,
                backendType,
                state,
                waitEventType,
                waitEvent,
                waitingOnLock,
                query,
                queryStart,
                transactionStart,
                backendStart,
                stateChange,
                duration,
                leaderPid,
                queryId,
                blockedBy,
                stats);
    }
}
