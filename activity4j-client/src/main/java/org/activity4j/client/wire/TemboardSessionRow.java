package org.activity4j.client.wire;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.activity4j.core.JsonValue;

/**
 * One row of {@code GET /activity/sessions} of temBoard agents 8.0 and later, field for field: {@code {"pid":
 * 7283, "client_addr": "127.0.0.1", "username": "postgres", "application_name": "blocker", "database": "test",
 * "state": "idle in transaction", "backend_start": "2026-11-23T19:35:27.624260+00:00", "query_start": "...",
 * "duration": 253.2, "query": "...", "waiting": false, "blocking": true, "cpu_time": 0, "memory": 17723392,
 * "proc_state": "S", "proc_read": 0, "proc_write": 0}}. The last five are the backend process's raw counters from
 * {@code /proc}, all null when the agent cannot read them.
 *
 * <pre>{@code
 * for (TemboardSessionRow row : TemboardSessionsCodec.decodeSessions(body)) {
 *     System.out.println(row.pid() + " started " + row.backendStart().orElse(null));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param pid {@code pid}, {@code > 0}
 * @param clientAddress {@code client_addr}; empty for null (Unix-socket clients, hidden)
 * @param user {@code username}; empty for null
 * @param applicationName {@code application_name}; empty for null
 * @param database {@code database}; empty for null
 * @param state {@code state}; empty for null (hidden)
 * @param backendStart {@code backend_start}, an ISO-8601 time with offset; empty for null
 * @param queryStart {@code query_start}; empty for null (never ran a query, hidden)
 * @param durationSeconds {@code duration}, seconds since {@code query_start} (agents 8.2 and later); empty for
 *     null or when the agent does not send it
 * @param query {@code query}; {@code ""} for null
 * @param waiting {@code waiting}: {@code pg_blocking_pids(pid)} is not empty
 * @param blocking {@code blocking}: the backend is in another backend's {@code pg_blocking_pids}
 * @param cpuTicks {@code cpu_time}: utime + stime + cutime + cstime of {@code /proc/PID/stat}, in clock ticks
 * @param residentBytes {@code memory}: {@code VmRSS} of {@code /proc/PID/status}, in bytes
 * @param processState {@code proc_state}: the state letter of {@code /proc/PID/stat} ({@code R}, {@code S},
 *     {@code D}, ...)
 * @param readBytes {@code proc_read}: {@code read_bytes} of {@code /proc/PID/io}, since the process started
 * @param writeBytes {@code proc_write}: {@code write_bytes} of {@code /proc/PID/io}
 * @param extensions any other members, by name in order (the reference agent's extensions), kept as sent
 */
public record TemboardSessionRow(
        int pid,
        Optional<String> clientAddress,
        Optional<String> user,
        Optional<String> applicationName,
        Optional<String> database,
        Optional<String> state,
        Optional<Instant> backendStart,
        Optional<Instant> queryStart,
        OptionalDouble durationSeconds,
        String query,
        boolean waiting,
        boolean blocking,
        OptionalLong cpuTicks,
        OptionalLong residentBytes,
        Optional<String> processState,
        OptionalLong readBytes,
        OptionalLong writeBytes,
        Map<String, JsonValue> extensions) {

    public TemboardSessionRow {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be > 0: " + pid);
        }
        if (durationSeconds.isPresent()
                && (!(durationSeconds.getAsDouble() >= 0) || Double.isInfinite(durationSeconds.getAsDouble()))) {
            throw new IllegalArgumentException("duration must be finite and >= 0: " + durationSeconds.getAsDouble());
        }
        notNegative("cpu_time", cpuTicks);
        notNegative("memory", residentBytes);
        notNegative("proc_read", readBytes);
        notNegative("proc_write", writeBytes);
        extensions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    private static void notNegative(String name, OptionalLong value) {
        if (value.isPresent() && value.getAsLong() < 0) {
            throw new IllegalArgumentException(name + " must be >= 0: " + value.getAsLong());
        }
    }
}
