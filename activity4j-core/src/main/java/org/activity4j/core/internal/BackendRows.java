package org.activity4j.core.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.activity4j.core.Backend;

/** Reads rows of {@link BackendSql} into values. */
final class BackendRows {
    private BackendRows() {}

    /**
     * The column numbers of a {@link BackendSql} result, looked up once per result instead of by name in every
     * row (pgjdbc hashes the name on each lookup: a twentieth of the agent's CPU per call at 100 backends).
     */
    record Columns(
            int pid,
            int blockedBy,
            int queryStart,
            int now,
            int leaderPid,
            int queryId,
            int waitEventType,
            int backendType,
            int encoding,
            int query,
            int datname,
            int usename,
            int applicationName,
            int client,
            int state,
            int waitEvent,
            int waitingOnLock,
            int xactStart,
            int backendStart,
            int stateChange) {
        static Columns of(ResultSet rs) throws SQLException {
            return new Columns(
                    rs.findColumn("pid"),
                    rs.findColumn("blocked_by"),
                    rs.findColumn("query_start"),
                    rs.findColumn("now"),
                    rs.findColumn("leader_pid"),
                    rs.findColumn("query_id"),
                    rs.findColumn("wait_event_type"),
                    rs.findColumn("backend_type"),
                    rs.findColumn("encoding"),
                    rs.findColumn("query"),
                    rs.findColumn("datname"),
                    rs.findColumn("usename"),
                    rs.findColumn("application_name"),
                    rs.findColumn("client"),
                    rs.findColumn("state"),
                    rs.findColumn("wait_event"),
                    rs.findColumn("waiting_on_lock"),
                    rs.findColumn("xact_start"),
                    rs.findColumn("backend_start"),
                    rs.findColumn("state_change"));
        }
    }

    /**
     * The backend of the current row, its columns at {@code col}; adds its pid to {@code blockedByPrepared} when
     * {@code pg_blocking_pids} names a prepared transaction (0) among its blockers.
     */
    static Backend backend(ResultSet rs, Columns col, Set<Integer> blockedByPrepared) throws SQLException {
        List<Integer> rawBlockers = pids(rs, col.blockedBy());
        int pid = rs.getInt(col.pid());
        if (rawBlockers.contains(0)) {
            blockedByPrepared.add(pid);
        }
        Optional<Instant> queryStart = Jdbc.optionalInstant(rs, col.queryStart());
        Instant now = Jdbc.optionalInstant(rs, col.now()).orElseThrow();
        // Empty when query_start is (never ran a query, or hidden): unknown, not zero.
        Optional<Duration> duration =
                queryStart.map(start -> Duration.between(start, now)).map(d -> d.isNegative() ? Duration.ZERO : d);
        int leader = rs.getInt(col.leaderPid());
        OptionalInt leaderPid = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(leader);
        long id = rs.getLong(col.queryId());
        OptionalLong queryId = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(id);
        String waitEventType = rs.getString(col.waitEventType());
        String backendType = rs.getString(col.backendType());
        String encoding = rs.getString(col.encoding());
        String query = PgText.decode(rs.getBytes(col.query()), encoding);
        return Backend.builder(pid)
                .database(Optional.ofNullable(PgText.decode(rs.getBytes(col.datname()), encoding)))
                .user(Optional.ofNullable(PgText.decode(rs.getBytes(col.usename()), encoding)))
                .applicationName(Optional.ofNullable(rs.getString(col.applicationName())))
                .clientAddress(Optional.ofNullable(rs.getString(col.client())))
                .backendType(Optional.ofNullable(backendType))
                .state(Optional.ofNullable(rs.getString(col.state())))
                .waitEventType(Optional.ofNullable(waitEventType))
                .waitEvent(Optional.ofNullable(rs.getString(col.waitEvent())))
                .waitingOnLock(rs.getBoolean(col.waitingOnLock()))
                .query(query == null ? "" : query)
                .queryStart(queryStart)
                .transactionStart(Jdbc.optionalInstant(rs, col.xactStart()))
                .backendStart(Jdbc.optionalInstant(rs, col.backendStart()))
                .stateChange(Jdbc.optionalInstant(rs, col.stateChange()))
                .duration(duration)
                .leaderPid(leaderPid)
                .queryId(queryId)
                .blockedBy(blockers(rawBlockers))
                .build();
    }

    /** {@code pg_blocking_pids} without the 0 of prepared transactions, each pid once, ascending. */
    static List<Integer> blockers(List<Integer> pids) {
        if (pids.isEmpty()) {
            return List.of(); // most backends: no stream to build
        }
        return pids.stream().filter(p -> p > 0).distinct().sorted().toList();
    }

    static List<Integer> pids(ResultSet rs, String column) throws SQLException {
        return pids(rs, rs.findColumn(column));
    }

    static List<Integer> pids(ResultSet rs, int column) throws SQLException {
        Array array = rs.getArray(column);
        if (array == null) {
            return List.of();
        }
        try {
            Object[] values = (Object[]) array.getArray();
            List<Integer> pids = new ArrayList<>(values.length);
            for (Object value : values) {
                pids.add(((Number) value).intValue());
            }
            Integer[] sorted = pids.toArray(new Integer[0]);
            Arrays.sort(sorted);
            return List.of(sorted);
        } finally {
            array.free();
        }
    }

    /** A timestamptz column, sent in binary or as text ({@link Jdbc#optionalInstant}). */
    static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Jdbc.optionalInstant(rs, rs.findColumn(column));
    }
}
