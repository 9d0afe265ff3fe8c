package org.activity4j.client.wire;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.activity4j.core.JsonValue;
import org.activity4j.core.ProcessStats;

/**
 * One row of the temBoard agent's {@code GET /activity/waiting} or {@code GET /activity/blocking}: one lock
 * of one backend, {@code {"pid": 7288, "database": "test", "user": "postgres", "mode": "ShareLock",
 * "type": "transactionid", "relation": " ", "duration": 16.22, "state": "active", "query": "...",
 * "iow": "N", "read_s": "0.00B", "write_s": "0.00B", "cpu": 0.0, "memory": 0.07}}.
 *
 * <pre>{@code
 * for (TemboardLockRow row : TemboardCodec.decodeLocks(body)) {
 *     System.out.println(row.pid() + " " + row.mode() + " on " + row.relation().orElse(row.type()));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param pid the backend's pid, {@code > 0}
 * @param database {@code database}; empty for JSON null
 * @param user {@code user}
 * @param mode {@code mode}, the lock mode, e.g. {@code ShareLock}
 * @param type {@code type}, {@code pg_locks.locktype}, e.g. {@code transactionid}
 * @param relation {@code relation}: the table's name (or the OID as text for a table of another database);
 *     empty for the agent's single space {@code " "} (no relation)
 * @param durationSeconds {@code duration}, seconds since the query started, {@code >= 0}
 * @param state {@code state}
 * @param query {@code query}
 * @param os {@code iow}, {@code read_s}, {@code write_s}, {@code cpu} and {@code memory}
 * @param extensions any other members, by name in order, kept as sent
 */
public record TemboardLockRow(
        int pid,
        Optional<String> database,
        String user,
        String mode,
        String type,
        Optional<String> relation,
        double durationSeconds,
        String state,
        String query,
        ProcessStats os,
        Map<String, JsonValue> extensions) {

    /** What the agent sends as {@code relation} for a lock without one. */
    public static final String NO_RELATION = " ";

    public TemboardLockRow {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be > 0: " + pid);
        }
        if (!(durationSeconds >= 0) || Double.isInfinite(durationSeconds)) {
            throw new IllegalArgumentException("duration must be finite and >= 0: " + durationSeconds);
        }
        if (relation.isPresent() && relation.get().isBlank()) {
            relation = Optional.empty();
        }
        extensions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }
}
