package org.activity4j.client.wire;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.activity4j.core.JsonValue;

/**
 * One row of {@code GET /activity/locks} of temBoard agents 8.0 and later, field for field: {@code {"pid":
 * 7291, "locktype": "relation", "database": "test", "schema": null, "relation": null, "mode":
 * "AccessExclusiveLock", "granted": false, "blocking_pid": 7283, "min": "2026-11-23T19:35:28.652777+00:00",
 * "waiting_pids": []}}. The real agent sends one row per lock and blocker ({@code blocking_pid}, from {@code
 * pg_blocking_pids}), so a lock waiting on two backends comes twice; it names the wait-start column {@code min}
 * (an unnamed {@code min(waitstart)}; PostgreSQL 14 and later), which is read here as {@code waitstart} too;
 * {@code waiting_pids} may repeat a pid.
 *
 * <pre>{@code
 * for (TemboardLocksRow row : TemboardSessionsCodec.decodeLocks(body)) {
 *     row.blockingPid().ifPresent(b -> System.out.println(row.pid() + " waits on " + b));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param pid {@code pid}, {@code > 0}
 * @param lockType {@code locktype}, e.g. {@code relation}, {@code transactionid}
 * @param database {@code database}, the name; empty for null (no database, or unknown to the agent)
 * @param schema {@code schema}; empty for null (no relation, or a relation of another database than the agent's)
 * @param relation {@code relation}, the name without schema; empty for null, as {@code schema}
 * @param mode {@code mode}, e.g. {@code AccessExclusiveLock}
 * @param granted {@code granted}
 * @param blockingPid {@code blocking_pid}: one pid blocking this backend (0 for a prepared transaction); empty
 *     for null
 * @param waitStart {@code waitstart}, or {@code min} as the real agent names it; empty for null or absent
 * @param waitingPids {@code waiting_pids}, as sent (pids this backend blocks, possibly repeated)
 * @param extensions any other members, by name in order, kept as sent
 */
public record TemboardLocksRow(
        int pid,
        String lockType,
        Optional<String> database,
        Optional<String> schema,
        Optional<String> relation,
        String mode,
        boolean granted,
        OptionalInt blockingPid,
        Optional<Instant> waitStart,
        List<Integer> waitingPids,
        Map<String, JsonValue> extensions) {

    public TemboardLocksRow {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be > 0: " + pid);
        }
        if (blockingPid.isPresent() && blockingPid.getAsInt() < 0) {
            throw new IllegalArgumentException("blocking_pid must be >= 0: " + blockingPid.getAsInt());
        }
        waitingPids = List.copyOf(waitingPids);
        for (int p : waitingPids) {
            if (p <= 0) {
                throw new IllegalArgumentException("waiting pids must be > 0: " + waitingPids);
            }
        }
        extensions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }
}
