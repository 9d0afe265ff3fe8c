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
     * The backend of the current row; adds its pid to {@code blockedByPrepared} when {@code pg_blocking_pids}
     * names a prepared transaction (0) among its blockers.
     */
    static Backend backend(ResultSet rs, Set<Integer> blockedByPrepared) throws SQLException {
        List<Integer> rawBlockers = pids(rs, "blocked_by");
        if (rawBlockers.contains(0)) {
            blockedByPrepared.add(rs.getInt("pid"));
        }
        Optional<Instant> queryStart = instant(rs, "query_start");
        Instant now = instant(rs, "now").orElseThrow();
        // Empty when query_start is (never ran a query, or hidden): unknown, not zero.
        Optional<Duration> duration =
                queryStart.map(start -> Duration.between(start, now)).map(d -> d.isNegative() ? Duration.ZERO : d);
        int leader = rs.getInt("leader_pid");
        OptionalInt leaderPid = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(leader);
        long id = rs.getLong("query_id");
        OptionalLong queryId = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(id);
        String waitEventType = rs.getString("wait_event_type");
        String backendType = rs.getString("backend_type");
        String encoding = rs.getString("encoding");
        String query = PgText.decode(rs.getBytes("query"), encoding);
        return Backend.builder(rs.getInt("pid"))
                .database(Optional.ofNullable(PgText.decode(rs.getBytes("datname"), encoding)))
                .user(Optional.ofNullable(PgText.decode(rs.getBytes("usename"), encoding)))
                .applicationName(Optional.ofNullable(rs.getString("application_name")))
                .clientAddress(Optional.ofNullable(rs.getString("client")))
                .backendType(Optional.ofNullable(backendType))
                .state(Optional.ofNullable(rs.getString("state")))
                .waitEventType(Optional.ofNullable(waitEventType))
                .waitEvent(Optional.ofNullable(rs.getString("wait_event")))
                .waitingOnLock(rs.getBoolean("waiting_on_lock"))
                .query(query == null ? "" : query)
                .queryStart(queryStart)
                .transactionStart(instant(rs, "xact_start"))
                .backendStart(instant(rs, "backend_start"))
                .stateChange(instant(rs, "state_change"))
                .duration(duration)
                .leaderPid(leaderPid)
                .queryId(queryId)
                .blockedBy(blockers(rawBlockers))
                .build();
    }

    /** {@code pg_blocking_pids} without the 0 of prepared transactions, each pid once, ascending. */
    static List<Integer> blockers(List<Integer> pids) {
        return pids.stream().filter(p -> p > 0).distinct().sorted().toList();
    }

    static List<Integer> pids(ResultSet rs, String column) throws SQLException {
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
