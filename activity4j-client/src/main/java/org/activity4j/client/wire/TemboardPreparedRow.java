package org.activity4j.client.wire;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.activity4j.core.JsonValue;
import org.activity4j.core.LockObject;

/**
 * One element of the {@code "prepared_rows"} extension of {@code GET /activity/blocking}, which activity4j's
 * reference agent sends next to {@code "rows"} (a real temBoard agent never does, and its clients ignore it):
 * one lock of a prepared transaction that blocks backends, {@code {"gid": "tx1", "transaction": 771, "owner":
 * "app", "database": "shop", "prepared": "2026-11-30T09:12:44.123Z", "mode": "RowExclusiveLock", "type":
 * "transactionid", "relation": null, "relation_oid": null, "lock_object": "transactionid;transactionid=771",
 * "blocking": [7288]}}. The old API's lock rows need a pid, which a prepared transaction does not have.
 *
 * <pre>{@code
 * TemboardBlockingRows answer = TemboardCodec.decodeBlocking(body);
 * for (TemboardPreparedRow p : answer.preparedRows()) {
 *     System.out.println(p.gid() + " holds " + p.mode() + " on " + p.object() + ", blocks " + p.blocking());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param gid {@code gid}, non-empty
 * @param transactionId {@code transaction}, {@code >= 0}
 * @param owner {@code owner}; empty when absent or null
 * @param database {@code database}; empty when absent or null
 * @param prepared {@code prepared}, an ISO-8601 instant; empty when absent or null
 * @param mode {@code mode}, the lock mode, e.g. {@code RowExclusiveLock}
 * @param type {@code type}, {@code pg_locks.locktype}, the same as {@code object().type()}
 * @param relation {@code relation}, the relation's name; empty when absent or null
 * @param relationOid {@code relation_oid}; empty when absent or null
 * @param object {@code lock_object}, the {@link LockObject} text form
 * @param blocking {@code blocking}, the pids it blocks by this lock, ascending, never empty, each {@code > 0}
 * @param extensions any other members, by name in order, kept as sent
 */
public record TemboardPreparedRow(
        String gid,
        long transactionId,
        Optional<String> owner,
        Optional<String> database,
        Optional<Instant> prepared,
        String mode,
        String type,
        Optional<String> relation,
        OptionalLong relationOid,
        LockObject object,
        List<Integer> blocking,
        Map<String, JsonValue> extensions) {

    public TemboardPreparedRow {
        if (gid.isEmpty()) {
            throw new IllegalArgumentException("gid must not be empty");
        }
        if (transactionId < 0) {
            throw new IllegalArgumentException("transaction must be >= 0: " + transactionId);
        }
        if (mode.isEmpty()) {
            throw new IllegalArgumentException("mode must not be empty");
        }
        if (!object.type().equals(type)) {
            throw new IllegalArgumentException("lock_object " + object + " is not of lock type " + type);
        }
        blocking = List.copyOf(blocking);
        if (blocking.isEmpty()) {
            throw new IllegalArgumentException("blocking must not be empty");
        }
        for (int i = 0; i < blocking.size(); i++) {
            if (blocking.get(i) <= 0 || (i > 0 && blocking.get(i) <= blocking.get(i - 1))) {
                throw new IllegalArgumentException("blocking must be ascending pids > 0: " + blocking);
            }
        }
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }
}
