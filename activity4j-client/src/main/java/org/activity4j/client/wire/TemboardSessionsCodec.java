package org.activity4j.client.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.activity4j.client.internal.IsoInstants;
import org.activity4j.client.internal.Json;
import org.activity4j.client.internal.WireObject;
import org.activity4j.core.JsonValue;
import org.activity4j.core.WireFormatException;

/**
 * JSON bodies that temBoard agents 8.0 and later added to the activity API: {@code GET /activity/sessions}
 * ({@link TemboardSessionRow}) and {@code GET /activity/locks} ({@link TemboardLocksRow}), each {@code
 * {"columns": [...], "rows": [...]}}, and the {@code "columns"} envelope these agents put around the old
 * routes' rows ({@link #withColumns}). The old routes' rows themselves are {@link TemboardCodec}'s, with {@code
 * application_name} added. Every decoder throws nothing but {@link WireFormatException}, naming the field and
 * the value. Times are ISO-8601 with an offset, as the agent's Python writes them ({@code
 * 2026-11-23T19:35:27.624260+00:00}).
 *
 * <pre>{@code
 * List<TemboardSessionRow> sessions = TemboardSessionsCodec.decodeSessions(body);
 * List<TemboardLocksRow> locks = TemboardSessionsCodec.decodeLocks(otherBody);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class TemboardSessionsCodec {
    /** The {@code "columns"} of {@code /activity}, {@code /activity/waiting} and {@code /activity/blocking}. */
    public static final List<String> ACTIVITY_COLUMNS = List.of(
            "pid",
            "database",
            "client",
            "duration",
            "wait",
            "user",
            "application_name",
            "state",
            "query",
            "iow",
            "read_s",
            "write_s",
            "cpu",
            "memory");

    /**
     * The {@code "columns"} of {@code /activity/sessions}; the real agent sends the same list with {@code
     * /activity/locks}.
     */
    public static final List<String> SESSION_COLUMNS = List.of(
            "pid",
            "client_addr",
            "username",
            "application_name",
            "database",
            "state",
            "backend_start",
            "query_start",
            "duration",
            "query",
            "waiting",
            "blocking");

    /** The columns of {@code /activity/locks} as the agent means them ({@code waitstart} from PostgreSQL 14). */
    public static final List<String> LOCKS_COLUMNS = List.of(
            "pid",
            "locktype",
            "database",
            "schema",
            "relation",
            "mode",
            "granted",
            "blocking_pid",
            "waitstart",
            "waiting_pids");

    /** The members a session row decodes: its columns and the raw {@code /proc} counters. */
    private static final Set<String> SESSION_KEYS =
            with(SESSION_COLUMNS, "cpu_time", "memory", "proc_state", "proc_read", "proc_write");

    /** The members a lock row decodes: its columns and {@code min}, where the real agent puts the wait's start. */
    private static final Set<String> LOCKS_KEYS = with(LOCKS_COLUMNS, "min");

    private static Set<String> with(List<String> columns, String... more) {
        Set<String> keys = new HashSet<>(columns);
        keys.addAll(List.of(more));
        return Set.copyOf(keys);
    }

    private TemboardSessionsCodec() {}

    /** Rows of {@code GET /activity/sessions}, in the agent's order, repeated rows kept as sent. */
    public static List<TemboardSessionRow> decodeSessions(String json) {
        return decodeRows(json, TemboardSessionsCodec::sessionRow);
    }

    /** {@code {"columns": SESSION_COLUMNS, "rows": [...]}}, keys in the real agent's order, then extensions. */
    public static String encodeSessions(List<TemboardSessionRow> rows) {
        return encodeTable(SESSION_COLUMNS, rows, (g, r) -> {
            g.writeNumberField("pid", r.pid());
            TemboardCodec.writeNullable(g, "client_addr", r.clientAddress());
            TemboardCodec.writeNullable(g, "username", r.user());
            TemboardCodec.writeNullable(g, "application_name", r.applicationName());
            TemboardCodec.writeNullable(g, "database", r.database());
            TemboardCodec.writeNullable(g, "state", r.state());
            TemboardCodec.writeNullable(g, "backend_start", r.backendStart().map(IsoInstants::format));
            TemboardCodec.writeNullable(g, "query_start", r.queryStart().map(IsoInstants::format));
            if (r.durationSeconds().isPresent()) {
                g.writeNumberField(
                        "duration",
                        BigDecimal.valueOf(r.durationSeconds().getAsDouble())
                                .setScale(2, RoundingMode.HALF_UP)
                                .doubleValue());
            } else {
                g.writeNullField("duration");
            }
            g.writeStringField("query", r.query());
            g.writeBooleanField("waiting", r.waiting());
            g.writeBooleanField("blocking", r.blocking());
            TemboardCodec.writeNullable(g, "cpu_time", r.cpuTicks());
            TemboardCodec.writeNullable(g, "memory", r.residentBytes());
            TemboardCodec.writeNullable(g, "proc_state", r.processState());
            TemboardCodec.writeNullable(g, "proc_read", r.readBytes());
            TemboardCodec.writeNullable(g, "proc_write", r.writeBytes());
            TemboardCodec.writeExtensions(g, r.extensions(), SESSION_KEYS);
        });
    }

    /** Rows of {@code GET /activity/locks}, as sent (one per lock and blocker). */
    public static List<TemboardLocksRow> decodeLocks(String json) {
        return decodeRows(json, TemboardSessionsCodec::locksRow);
    }

    /**
     * {@code {"columns": LOCKS_COLUMNS, "rows": [...]}}: the wait start named {@code waitstart} (the real agent's
     * {@code min} is its bug) and only when known.
     */
    public static String encodeLocks(List<TemboardLocksRow> rows) {
        return encodeTable(LOCKS_COLUMNS, rows, (g, r) -> {
            g.writeNumberField("pid", r.pid());
            g.writeStringField("locktype", r.lockType());
            TemboardCodec.writeNullable(g, "database", r.database());
            TemboardCodec.writeNullable(g, "schema", r.schema());
            TemboardCodec.writeNullable(g, "relation", r.relation());
            g.writeStringField("mode", r.mode());
            g.writeBooleanField("granted", r.granted());
            if (r.blockingPid().isPresent()) {
                g.writeNumberField("blocking_pid", r.blockingPid().getAsInt());
            } else {
                g.writeNullField("blocking_pid");
            }
            TemboardCodec.writeNullable(g, "waitstart", r.waitStart().map(IsoInstants::format));
            g.writeArrayFieldStart("waiting_pids");
            for (int p : r.waitingPids()) {
                g.writeNumber(p);
            }
            g.writeEndArray();
            TemboardCodec.writeExtensions(g, r.extensions(), LOCKS_KEYS);
        });
    }

    /**
     * {@code GET /activity} as agents 8.0 and later answer it: {@link TemboardCodec#encodeActivity}'s rows, then
     * {@code "columns"}: {@link #ACTIVITY_COLUMNS}. The same text as {@code withColumns(TemboardCodec.encodeActivity(
     * rows), ACTIVITY_COLUMNS)}, written in one pass.
     *
     * <pre>{@code
     * String body = TemboardSessionsCodec.encodeActivity(rows);
     * }</pre>
     */
    public static String encodeActivity(List<TemboardActivityRow> rows) {
        return TemboardCodec.encodeActivity(rows, TemboardSessionsCodec::writeActivityColumns);
    }

    /**
     * {@code GET /activity/waiting} as agents 8.0 and later answer it: {@link TemboardCodec#encodeLocks}'s rows,
     * then {@code "columns"}: {@link #ACTIVITY_COLUMNS}, in one pass (as {@link #withColumns}).
     */
    public static String encodeWaiting(List<TemboardLockRow> rows) {
        return TemboardCodec.encodeLocks(rows, TemboardSessionsCodec::writeActivityColumns);
    }

    /**
     * {@code GET /activity/blocking} as agents 8.0 and later answer it: {@link TemboardCodec#encodeBlocking}'s
     * members, then {@code "columns"}: {@link #ACTIVITY_COLUMNS}, in one pass (as {@link #withColumns}).
     */
    public static String encodeBlocking(TemboardBlockingRows answer) {
        return TemboardCodec.encodeBlocking(answer, TemboardSessionsCodec::writeActivityColumns);
    }

    private static void writeActivityColumns(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("columns");
        for (String c : ACTIVITY_COLUMNS) {
            g.writeString(c);
        }
        g.writeEndArray();
    }

    /**
     * {@code envelope} (a JSON object, e.g. what {@link TemboardCodec#encodeActivity} writes) with a {@code
     * "columns"} member listing {@code columns}, as agents 8.0 and later answer every activity route. The
     * envelope is parsed and written again; {@link #encodeActivity}, {@link #encodeWaiting} and {@link
     * #encodeBlocking} write the reference agent's answers in one pass.
     */
    public static String withColumns(String envelope, List<String> columns) {
        WireObject o = WireObject.of("$", Json.parse(envelope));
        Map<String, JsonValue> members = new LinkedHashMap<>(o.others(Set.of("columns")));
        List<JsonValue> names = new ArrayList<>();
        columns.forEach(c -> names.add(JsonValue.of(c)));
        members.put("columns", JsonValue.array(names));
        return Json.write(g -> Json.write(g, JsonValue.object(members)));
    }

    private static TemboardSessionRow sessionRow(String path, JsonValue value) {
        WireObject o = WireObject.of(path, value);
        int pid = pid(o);
        return row(
                path,
                value,
                () -> new TemboardSessionRow(
                        pid,
                        o.nullableString("client_addr"),
                        o.nullableString("username"),
                        o.nullableString("application_name"),
                        o.nullableString("database"),
                        o.nullableString("state"),
                        instant(o, "backend_start"),
                        instant(o, "query_start"),
                        duration(o),
                        o.nullableString("query").orElse(""),
                        o.requireBoolean("waiting"),
                        o.requireBoolean("blocking"),
                        counter(o, "cpu_time"),
                        counter(o, "memory"),
                        o.optionalString("proc_state"),
                        counter(o, "proc_read"),
                        counter(o, "proc_write"),
                        o.others(SESSION_KEYS)));
    }

    private static TemboardLocksRow locksRow(String path, JsonValue value) {
        WireObject o = WireObject.of(path, value);
        int pid = pid(o);
        Optional<Instant> waitStart = instant(o, "waitstart");
        if (waitStart.isEmpty()) {
            waitStart = instant(o, "min");
        }
        Optional<Instant> start = waitStart;
        OptionalInt blocking = o.optionalInt("blocking_pid");
        List<Integer> waitingPids = o.optional("waiting_pids").isEmpty()
                ? List.of()
                : WireObject.mapArray(o.field("waiting_pids"), o.get("waiting_pids"), WireObject::toInt);
        return row(
                path,
                value,
                () -> new TemboardLocksRow(
                        pid,
                        o.requireString("locktype"),
                        o.optionalString("database"),
                        o.optionalString("schema"),
                        o.optionalString("relation"),
                        o.requireString("mode"),
                        o.requireBoolean("granted"),
                        blocking,
                        start,
                        waitingPids,
                        o.others(LOCKS_KEYS)));
    }

    private static int pid(WireObject o) {
        int pid = o.requireInt("pid");
        if (pid <= 0) {
            throw WireFormatException.badValue(o.field("pid"), Integer.toString(pid), "pid must be > 0");
        }
        return pid;
    }

    /** A time member: missing or null is empty; otherwise ISO-8601 with an offset (or {@code Z}). */
    private static Optional<Instant> instant(WireObject o, String name) {
        Optional<String> text = o.optionalString(name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.get(), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant());
        } catch (DateTimeParseException e) {
            throw WireFormatException.badValue(o.field(name), text.get(), "expected an ISO-8601 time with offset", e);
        }
    }

    private static OptionalDouble duration(WireObject o) {
        Optional<JsonValue> v = o.optional("duration");
        if (v.isEmpty()) {
            return OptionalDouble.empty();
        }
        double d = o.requireNumberOrNumericString("duration");
        if (d < 0) {
            throw WireFormatException.badValue(o.field("duration"), Double.toString(d), "duration must be >= 0");
        }
        return OptionalDouble.of(d);
    }

    private static OptionalLong counter(WireObject o, String name) {
        OptionalLong v = o.optionalLong(name);
        if (v.isPresent() && v.getAsLong() < 0) {
            throw WireFormatException.badValue(o.field(name), Long.toString(v.getAsLong()), "must be >= 0");
        }
        return v;
    }

    private static <T> T row(String path, JsonValue value, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw WireFormatException.badValue(
                    path, value.toJson(), e.getMessage() == null ? "bad row" : e.getMessage(), e);
        }
    }

    private static <T> List<T> decodeRows(String json, BiFunction<String, JsonValue, T> row) {
        WireObject envelope = WireObject.of("$", Json.parse(json));
        return WireObject.mapArray("rows", envelope.get("rows"), row);
    }

    private static <T> String encodeTable(List<String> columns, List<T> rows, RowWriter<T> writer) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("columns");
            for (String c : columns) {
                g.writeString(c);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rows");
            for (T row : rows) {
                g.writeStartObject();
                writer.write(g, row);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    @FunctionalInterface
    private interface RowWriter<T> {
        void write(JsonGenerator g, T row) throws IOException;
    }
}
