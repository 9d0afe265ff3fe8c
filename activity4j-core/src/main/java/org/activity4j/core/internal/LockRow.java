package org.activity4j.core.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.activity4j.core.LockInfo;
import org.activity4j.core.LockObject;
import org.activity4j.core.PreparedTransaction;

/**
 * One row of {@link BackendSql#locks}: a lock of a backend ({@code pid}) or of a prepared transaction.
 *
 * @param pid the backend's pid; empty for a prepared transaction's lock
 * @param lock the lock
 * @param blockers {@code pg_blocking_pids} of an ungranted lock's backend, as the server gives them (with
 *     duplicates and 0s)
 * @param prepared the prepared transaction holding the lock, when it is one's
 */
record LockRow(OptionalInt pid, LockInfo lock, List<Integer> blockers, Optional<PreparedTransaction> prepared) {

    static LockRow read(ResultSet rs) throws SQLException {
        int pidValue = rs.getInt("pid");
        OptionalInt pid = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(pidValue);
        String type = rs.getString("locktype");
        OptionalLong relationOid = longValue(rs, "relation_oid");
        LockObject object = new LockObject(
                type,
                longValue(rs, "database"),
                relationOid,
                intValue(rs, "page"),
                intValue(rs, "tuple"),
                Optional.ofNullable(rs.getString("virtualxid")),
                longValue(rs, "transactionid"),
                longValue(rs, "classid"),
                longValue(rs, "objid"),
                intValue(rs, "objsubid"));
        LockInfo lock = new LockInfo(
                type,
                rs.getString("mode"),
                rs.getBoolean("granted"),
                Optional.ofNullable(PgText.decode(rs.getBytes("relation_name"), rs.getString("encoding"))),
                relationOid,
                BackendRows.instant(rs, "wait_start"),
                object);
        String gid = rs.getString("gid");
        Optional<PreparedTransaction> prepared = gid == null
                ? Optional.empty()
                : Optional.of(new PreparedTransaction(
                        gid,
                        rs.getLong("xid"),
                        Optional.ofNullable(PgText.decode(rs.getBytes("owner"), null)),
                        Optional.ofNullable(PgText.decode(rs.getBytes("px_database"), null)),
                        BackendRows.instant(rs, "prepared").map(Instant::from)));
        return new LockRow(pid, lock, BackendRows.pids(rs, "blockers"), prepared);
    }

    private static OptionalLong longValue(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
    }

    private static OptionalInt intValue(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(v);
    }
}
