package org.activity4j.client.wire;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.activity4j.core.JsonValue;
import org.activity4j.core.ProcessStats;

/**
 * One row of the temBoard agent's {@code GET /activity}, field for field:
 * {@code {"pid": 7283, "database": "test", "client": "127.0.0.1", "duration": 13.56, "wait": "N",
 * "user": "postgres", "state": "active", "query": "...", "iow": "N", "read_s": "0.00B", "write_s": "0.00B",
 * "cpu": 0.0, "memory": 0.07}}.
 *
 * <pre>{@code
 * for (TemboardActivityRow row : TemboardCodec.decodeActivity(body)) {
 *     System.out.println(row.pid() + " " + row.durationSeconds() + "s " + row.query());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param pid the backend's pid, {@code > 0}
 * @param database {@code database}; empty for JSON null
 * @param client {@code client}, the client address; empty for JSON null (Unix-socket clients)
 * @param durationSeconds {@code duration}, seconds since the query started, {@code >= 0}
 * @param waiting {@code wait}: {@code "Y"} (waits on a heavyweight lock) or {@code "N"}
 * @param user {@code user}
 * @param state {@code state}
 * @param query {@code query}
 * @param os {@code iow}, {@code read_s}, {@code write_s}, {@code cpu} and {@code memory}; empty ones are
 *     {@code "N/A"} on the wire
 * @param extensions any other members, by name in order (the reference agent's extensions), kept as sent
 */
public record TemboardActivityRow(
        int pid,
        Optional<String> database,
        Optional<String> client,
        double durationSeconds,
        boolean waiting,
        String user,
        String state,
        String query,
        ProcessStats os,
        Map<String, JsonValue> extensions) {

    public TemboardActivityRow {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be > 0: " + pid);
        }
        if (!(durationSeconds >= 0) || Double.isInfinite(durationSeconds)) {
            throw new IllegalArgumentException("duration must be finite and >= 0: " + durationSeconds);
        }
        extensions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }
}
