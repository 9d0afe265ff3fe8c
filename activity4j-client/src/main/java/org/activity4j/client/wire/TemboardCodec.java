package org.activity4j.client.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.activity4j.client.internal.IsoInstants;
import org.activity4j.client.internal.Json;
import org.activity4j.client.internal.WireObject;
import org.activity4j.core.JsonValue;
import org.activity4j.core.LockObject;
import org.activity4j.core.ProcessStats;
import org.activity4j.core.SignalResult;
import org.activity4j.core.WireFormatException;

/**
 * JSON bodies of the temBoard agent's old API (temBoard 7.x, {@code X-Session}), with the exact JSON types
 * the real agent uses: integers, numbers or {@code "N/A"}, {@code "Y"}/{@code "N"} flags, byte figures as
 * {@code "74.62M"} ({@link HumanBytes}), {@code " "} for a lock without relation. Decoders are lenient
 * where the published examples and the real agent differ ({@code duration} as a string or a number) and
 * strict about everything else; every decoder throws nothing but {@link WireFormatException}, naming the
 * field and the value. Encoders write what the real agent writes, keys in its order.
 *
 * <pre>{@code
 * List<TemboardActivityRow> rows = TemboardCodec.decodeActivity(responseBody);
 * String body = TemboardCodec.encodeKillRequest(List.of(7286));      // {"pids":[7286]}
 * List<SignalResult> killed = TemboardCodec.decodeKillResponse(answer);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class TemboardCodec {
    private static final Pattern SESSION = Pattern.compile("[0-9a-f]{64}");

    private static final Set<String> ACTIVITY_KEYS = Set.of(
            "pid",
            "database",
            "client",
            "duration",
            "wait",
            "user",
            "state",
            "query",
            "iow",
            "read_s",
            "write_s",
            "cpu",
            "memory");
    private static final Set<String> LOCK_KEYS = Set.of(
            "pid",
            "database",
            "user",
            "mode",
            "type",
            "relation",
            "duration",
            "state",
            "query",
            "iow",
            "read_s",
            "write_s",
            "cpu",
            "memory");

    /** The reference agent's extension member of {@code /activity/blocking} for prepared transactions. */
    private static final String PREPARED_ROWS = "prepared_rows";

    private static final Set<String> PREPARED_KEYS = Set.of(
            "gid",
            "transaction",
            "owner",
            "database",
            "prepared",
            "mode",
            "type",
            "relation",
            "relation_oid",
            "lock_object",
            "blocking");

    private TemboardCodec() {}

    /** Rows of {@code GET /activity}: {@code {"rows": [...]}}. */
    public static List<TemboardActivityRow> decodeActivity(String json) {
        return Json.parseArray(json, "rows", TemboardCodec::activityRow);
    }

    /**
     * {@link #decodeActivity(String)} from a stream, one row at a time (the body is never held whole).
     *
     * <pre>{@code
     * List<TemboardActivityRow> rows = TemboardCodec.decodeActivity(response.body());
     * }</pre>
     *
     * @throws java.io.UncheckedIOException when reading the stream fails
     */
    public static List<TemboardActivityRow> decodeActivity(InputStream json) {
        return Json.parseArray(json, "rows", TemboardCodec::activityRow);
    }

    /** {@code {"rows": [...]}} for {@code GET /activity}. */
    public static String encodeActivity(List<TemboardActivityRow> rows) {
        return encodeActivity(rows, NO_MEMBERS);
    }

    /** {@link #encodeActivity(List)} with {@code trailer}'s top-level members after {@code "rows"}. */
    static String encodeActivity(List<TemboardActivityRow> rows, Json.JsonBody trailer) {
        return encodeObjects("rows", rows, trailer, (g, r) -> {
            g.writeNumberField("pid", r.pid());
            writeNullable(g, "database", r.database());
            writeNullable(g, "client", r.client());
            writeDuration(g, r.durationSeconds());
            g.writeStringField("wait", r.waiting() ? "Y" : "N");
            g.writeStringField("user", r.user());
            g.writeStringField("state", r.state());
            g.writeStringField("query", r.query());
            writeOs(g, r.os());
            writeExtensions(g, r.extensions(), ACTIVITY_KEYS);
        });
    }

    /** Rows of {@code GET /activity/waiting} or {@code GET /activity/blocking}: {@code {"rows": [...]}}. */
    public static List<TemboardLockRow> decodeLocks(String json) {
        return Json.parseArray(json, "rows", TemboardCodec::lockRow);
    }

    /**
     * {@link #decodeLocks(String)} from a stream, one row at a time.
     *
     * <pre>{@code
     * List<TemboardLockRow> waiting = TemboardCodec.decodeLocks(response.body());
     * }</pre>
     *
     * @throws java.io.UncheckedIOException when reading the stream fails
     */
    public static List<TemboardLockRow> decodeLocks(InputStream json) {
        return Json.parseArray(json, "rows", TemboardCodec::lockRow);
    }

    /** {@code {"rows": [...]}} for {@code GET /activity/waiting} or {@code GET /activity/blocking}. */
    public static String encodeLocks(List<TemboardLockRow> rows) {
        return encodeLocks(rows, NO_MEMBERS);
    }

    /** {@link #encodeLocks(List)} with {@code trailer}'s top-level members after {@code "rows"}. */
    static String encodeLocks(List<TemboardLockRow> rows, Json.JsonBody trailer) {
        return encodeObjects("rows", rows, trailer, TemboardCodec::writeLockRow);
    }

    private static void writeLockRow(JsonGenerator g, TemboardLockRow r) throws IOException {
        g.writeNumberField("pid", r.pid());
        writeNullable(g, "database", r.database());
        g.writeStringField("user", r.user());
        g.writeStringField("mode", r.mode());
        g.writeStringField("type", r.type());
        g.writeStringField("relation", r.relation().orElse(TemboardLockRow.NO_RELATION));
        writeDuration(g, r.durationSeconds());
        g.writeStringField("state", r.state());
        g.writeStringField("query", r.query());
        writeOs(g, r.os());
        writeExtensions(g, r.extensions(), LOCK_KEYS);
    }

    private static void writePreparedRow(JsonGenerator g, TemboardPreparedRow r) throws IOException {
        g.writeStringField("gid", r.gid());
        g.writeNumberField("transaction", r.transactionId());
        writeNullable(g, "owner", r.owner());
        writeNullable(g, "database", r.database());
        writeNullable(g, "prepared", r.prepared().map(IsoInstants::format));
        g.writeStringField("mode", r.mode());
        g.writeStringField("type", r.type());
        writeNullable(g, "relation", r.relation());
        writeNullable(g, "relation_oid", r.relationOid());
        g.writeStringField("lock_object", r.object().toString());
        g.writeArrayFieldStart("blocking");
        for (int pid : r.blocking()) {
            g.writeNumber(pid);
        }
        g.writeEndArray();
        writeExtensions(g, r.extensions(), PREPARED_KEYS);
    }

    /**
     * The answer of {@code GET /activity/blocking}, in one pass: its {@code "rows"} as {@link
     * #decodeLocks(String)} reads them, and the reference agent's {@code "prepared_rows"} extension (empty when
     * absent, as from a real temBoard agent).
     *
     * @throws WireFormatException naming the field, also for a bad or partial element of {@code prepared_rows}
     */
    public static TemboardBlockingRows decodeBlocking(String json) {
        Json.TwoArrays<TemboardLockRow, TemboardPreparedRow> a =
                Json.parseArrays(json, "rows", TemboardCodec::lockRow, PREPARED_ROWS, TemboardCodec::preparedRow);
        return new TemboardBlockingRows(a.first(), a.second());
    }

    /**
     * {@link #decodeBlocking(String)} from a stream, one row at a time (the body is never held whole).
     *
     * <pre>{@code
     * TemboardBlockingRows answer = TemboardCodec.decodeBlocking(response.body());
     * }</pre>
     *
     * @throws java.io.UncheckedIOException when reading the stream fails
     */
    public static TemboardBlockingRows decodeBlocking(InputStream json) {
        Json.TwoArrays<TemboardLockRow, TemboardPreparedRow> a =
                Json.parseArrays(json, "rows", TemboardCodec::lockRow, PREPARED_ROWS, TemboardCodec::preparedRow);
        return new TemboardBlockingRows(a.first(), a.second());
    }

    /**
     * {@code {"rows": [...]}} for {@code GET /activity/blocking}, as {@link #encodeLocks(List)}, followed by
     * {@code "prepared_rows": [...]} when there are any (clients of the real agent ignore the member).
     */
    public static String encodeBlocking(TemboardBlockingRows answer) {
        return encodeBlocking(answer, NO_MEMBERS);
    }

    /** {@link #encodeBlocking(TemboardBlockingRows)} with {@code trailer}'s top-level members at the end. */
    static String encodeBlocking(TemboardBlockingRows answer, Json.JsonBody trailer) {
        if (answer.preparedRows().isEmpty()) {
            return encodeLocks(answer.rows(), trailer);
        }
        return Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("rows");
            for (TemboardLockRow r : answer.rows()) {
                g.writeStartObject();
                writeLockRow(g, r);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart(PREPARED_ROWS);
            for (TemboardPreparedRow r : answer.preparedRows()) {
                g.writeStartObject();
                writePreparedRow(g, r);
                g.writeEndObject();
            }
            g.writeEndArray();
            trailer.writeTo(g);
            g.writeEndObject();
        });
    }

    /**
     * The pids of {@code POST /activity/kill}: {@code {"pids": [int, ...]}}. Every element must be a JSON
     * integer ({@code "1"}, {@code true} and {@code 1.0} are not).
     *
     * @throws WireFormatException with {@link WireFormatException#isMissing()} when {@code pids} is not sent
     *     (the agent's {@code Parameter 'pids' not sent.}), otherwise for a malformed list
     */
    public static List<Integer> decodeKillRequest(String json) {
        WireObject body = WireObject.of("$", Json.parse(json));
        JsonValue pids = body.get("pids");
        return WireObject.mapArray("pids", pids, WireObject::toInt);
    }

    /** {@code {"pids": [...]}}. */
    public static String encodeKillRequest(List<Integer> pids) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("pids");
            for (int pid : pids) {
                g.writeNumber(pid);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /**
     * The answer of {@code POST /activity/kill}: {@code {"backends": [{"pid": N, "killed": true}, ...]}}.
     * {@code killed: false} becomes {@link SignalResult.Outcome#NOT_A_BACKEND}: the old API does not say
     * why a pid was not signalled, unless the reference agent's extension member {@code "reason"} ({@code
     * not_a_backend}, {@code insufficient_privilege}, {@code own_connection}, with the server's {@code
     * "message"}) says so.
     */
    public static List<SignalResult> decodeKillResponse(String json) {
        WireObject body = WireObject.of("$", Json.parse(json));
        return WireObject.mapArray("backends", body.get("backends"), (path, v) -> {
            WireObject o = WireObject.of(path, v);
            int pid = o.requireInt("pid");
            if (pid <= 0) {
                throw WireFormatException.badValue(o.field("pid"), Integer.toString(pid), "pid must be > 0");
            }
            if (o.requireBoolean("killed")) {
                return SignalResult.of(pid, SignalResult.Outcome.SIGNALLED);
            }
            Optional<String> reason = o.optionalString("reason");
            if (reason.isEmpty()) {
                return SignalResult.of(pid, SignalResult.Outcome.NOT_A_BACKEND);
            }
            return new SignalResult(pid, outcome(o.field("reason"), reason.get()), o.optionalString("message"));
        });
    }

    /**
     * {@code {"backends": [{"pid": N, "killed": true|false}, ...]}}, in the given order; a pid not signalled
     * also gets the extension member {@code "reason"} (the outcome in lowercase, e.g. {@code
     * insufficient_privilege}) and the server's {@code "message"} if any, which clients of the real agent
     * ignore.
     */
    public static String encodeKillResponse(List<SignalResult> results) {
        return encodeObjects("backends", results, (g, r) -> {
            g.writeNumberField("pid", r.pid());
            g.writeBooleanField("killed", r.signalled());
            if (!r.signalled()) {
                g.writeStringField("reason", r.outcome().name().toLowerCase(Locale.ROOT));
                if (r.message().isPresent()) {
                    g.writeStringField("message", r.message().get());
                }
            }
        });
    }

    /** The body of {@code POST /login}: {@code {"username": ..., "password": ...}}, both strings. */
    public static TemboardLogin decodeLogin(String json) {
        WireObject body = WireObject.of("$", Json.parse(json));
        return new TemboardLogin(body.requireString("username"), body.requireString("password"));
    }

    /** {@code {"username": ..., "password": ...}}. */
    public static String encodeLogin(TemboardLogin login) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("username", login.username());
            g.writeStringField("password", login.password());
            g.writeEndObject();
        });
    }

    /** The session of a successful login: {@code {"session": "<64 lowercase hex>"}}. */
    public static String decodeSession(String json) {
        WireObject body = WireObject.of("$", Json.parse(json));
        String session = body.requireString("session");
        if (!isSession(session)) {
            throw WireFormatException.badValue("session", session, "expected 64 lowercase hexadecimal digits");
        }
        return session;
    }

    /** {@code {"session": "..."}}. */
    public static String encodeSession(String session) {
        if (!isSession(session)) {
            throw new IllegalArgumentException("a session is 64 lowercase hexadecimal digits: " + session);
        }
        return encodeString("session", session);
    }

    /** Whether {@code text} is a well-formed session id ({@code ^[0-9a-f]{64}$}), as the agent checks it. */
    public static boolean isSession(String text) {
        return SESSION.matcher(text).matches();
    }

    /** The answer of {@code GET /logout}: {@code {"logout": true}}. */
    public static boolean decodeLogout(String json) {
        return WireObject.of("$", Json.parse(json)).requireBoolean("logout");
    }

    /** {@code {"logout": true}}. */
    public static String encodeLogout() {
        return "{\"logout\":true}";
    }

    /** The user name of {@code GET /profile}: {@code {"username": "alice"}}. */
    public static String decodeProfile(String json) {
        return WireObject.of("$", Json.parse(json)).requireString("username");
    }

    /** {@code {"username": "..."}}. */
    public static String encodeProfile(String username) {
        return encodeString("username", username);
    }

    /** The text of an error body: {@code {"error": "Invalid session."}}. */
    public static String decodeError(String json) {
        return WireObject.of("$", Json.parse(json)).requireString("error");
    }

    /** {@code {"error": "..."}}. */
    public static String encodeError(String message) {
        return encodeString("error", message);
    }

    private static SignalResult.Outcome outcome(String field, String reason) {
        for (SignalResult.Outcome o : SignalResult.Outcome.values()) {
            if (o != SignalResult.Outcome.SIGNALLED
                    && o.name().toLowerCase(Locale.ROOT).equals(reason)) {
                return o;
            }
        }
        throw WireFormatException.badValue(
                field, reason, "expected not_a_backend, insufficient_privilege or own_connection");
    }

    private static TemboardActivityRow activityRow(String path, JsonValue value) {
        WireObject o = WireObject.of(path, value);
        int pid = pid(o);
        return row(
                path,
                value,
                () -> new TemboardActivityRow(
                        pid,
                        o.nullableString("database"),
                        o.nullableString("client"),
                        duration(o),
                        yesNo(o, "wait"),
                        o.nullableString("user").orElse(""),
                        o.nullableString("state").orElse(""),
                        o.nullableString("query").orElse(""),
                        os(o),
                        o.others(ACTIVITY_KEYS)));
    }

    private static TemboardPreparedRow preparedRow(String path, JsonValue value) {
        WireObject o = WireObject.of(path, value);
        String gid = o.requireString("gid");
        if (gid.isEmpty()) {
            throw WireFormatException.badValue(o.field("gid"), gid, "expected a non-empty gid");
        }
        long transaction = o.requireLong("transaction");
        if (transaction < 0) {
            throw WireFormatException.badValue(
                    o.field("transaction"), Long.toString(transaction), "transaction must be >= 0");
        }
        Optional<Instant> prepared = o.optionalString("prepared").map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw WireFormatException.badValue(o.field("prepared"), text, "expected an ISO-8601 instant", e);
            }
        });
        String mode = o.requireString("mode");
        if (mode.isEmpty()) {
            throw WireFormatException.badValue(o.field("mode"), mode, "expected a lock mode");
        }
        String type = o.requireString("type");
        String objectText = o.requireString("lock_object");
        LockObject object;
        try {
            object = LockObject.parse(objectText);
        } catch (IllegalArgumentException e) {
            throw WireFormatException.badValue(o.field("lock_object"), objectText, String.valueOf(e.getMessage()), e);
        }
        if (!object.type().equals(type)) {
            throw WireFormatException.badValue(o.field("lock_object"), objectText, "not of lock type " + type);
        }
        List<Integer> blocking = WireObject.mapArray(o.field("blocking"), o.get("blocking"), WireObject::toInt);
        for (int i = 0; i < blocking.size(); i++) {
            if (blocking.get(i) <= 0 || (i > 0 && blocking.get(i) <= blocking.get(i - 1))) {
                throw WireFormatException.badValue(
                        o.field("blocking"), blocking.toString(), "expected ascending pids > 0");
            }
        }
        if (blocking.isEmpty()) {
            throw WireFormatException.badValue(o.field("blocking"), "[]", "a blocker blocks at least one pid");
        }
        return row(
                path,
                value,
                () -> new TemboardPreparedRow(
                        gid,
                        transaction,
                        o.optionalString("owner"),
                        o.optionalString("database"),
                        prepared,
                        mode,
                        type,
                        o.optionalString("relation"),
                        o.optionalLong("relation_oid"),
                        object,
                        blocking,
                        o.others(PREPARED_KEYS)));
    }

    private static TemboardLockRow lockRow(String path, JsonValue value) {
        WireObject o = WireObject.of(path, value);
        int pid = pid(o);
        String relation = o.nullableString("relation").orElse(TemboardLockRow.NO_RELATION);
        return row(
                path,
                value,
                () -> new TemboardLockRow(
                        pid,
                        o.nullableString("database"),
                        o.nullableString("user").orElse(""),
                        o.requireString("mode"),
                        o.requireString("type"),
                        relation.isBlank() ? Optional.empty() : Optional.of(relation),
                        duration(o),
                        o.nullableString("state").orElse(""),
                        o.nullableString("query").orElse(""),
                        os(o),
                        o.others(LOCK_KEYS)));
    }

    /**
     * The row that {@code make} builds from the members of the row at {@code path}; a member value that
     * the row's record refuses ({@link IllegalArgumentException}) becomes a {@link WireFormatException}
     * naming the row.
     */
    private static <T> T row(String path, JsonValue value, Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw WireFormatException.badValue(
                    path, value.toJson(), e.getMessage() == null ? "bad row" : e.getMessage(), e);
        }
    }

    private static int pid(WireObject o) {
        int pid = o.requireInt("pid");
        if (pid <= 0) {
            throw WireFormatException.badValue(o.field("pid"), Integer.toString(pid), "pid must be > 0");
        }
        return pid;
    }

    private static double duration(WireObject o) {
        double d = o.requireNumberOrNumericString("duration");
        if (d < 0) {
            throw WireFormatException.badValue(o.field("duration"), Double.toString(d), "duration must be >= 0");
        }
        return d;
    }

    private static boolean yesNo(WireObject o, String name) {
        String v = o.requireString(name);
        if (v.equals("Y")) {
            return true;
        }
        if (v.equals("N")) {
            return false;
        }
        throw WireFormatException.badValue(o.field(name), v, "expected \"Y\" or \"N\"");
    }

    private static ProcessStats os(WireObject o) {
        String iow = o.requireString("iow");
        Optional<Boolean> ioWait;
        if (iow.equals("Y")) {
            ioWait = Optional.of(true);
        } else if (iow.equals("N")) {
            ioWait = Optional.of(false);
        } else if (iow.equals(HumanBytes.NOT_AVAILABLE)) {
            ioWait = Optional.empty();
        } else {
            throw WireFormatException.badValue(o.field("iow"), iow, "expected \"Y\", \"N\" or \"N/A\"");
        }
        OptionalDouble read = HumanBytes.parse(o.field("read_s"), o.requireString("read_s"));
        OptionalDouble write = HumanBytes.parse(o.field("write_s"), o.requireString("write_s"));
        OptionalDouble cpu = notNegative(o, "cpu", o.numberOrNa("cpu"));
        OptionalDouble memory = notNegative(o, "memory", o.numberOrNa("memory"));
        return new ProcessStats(cpu, memory, read, write, ioWait);
    }

    private static OptionalDouble notNegative(WireObject o, String name, OptionalDouble v) {
        if (v.isPresent() && v.getAsDouble() < 0) {
            throw WireFormatException.badValue(o.field(name), Double.toString(v.getAsDouble()), "must be >= 0");
        }
        return v;
    }

    /**
     * {@code {"<name>": [{...}, ...]}}: one JSON object for each item, in order, whose members {@code
     * members} writes.
     */
    private static <T> String encodeObjects(String name, List<T> items, MemberWriter<T> members) {
        return encodeObjects(name, items, NO_MEMBERS, members);
    }

    /** {@code {"<name>": [{members}, ...], trailer's members}}. */
    private static <T> String encodeObjects(
            String name, List<T> items, Json.JsonBody trailer, MemberWriter<T> members) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart(name);
            for (T item : items) {
                g.writeStartObject();
                members.write(g, item);
                g.writeEndObject();
            }
            g.writeEndArray();
            trailer.writeTo(g);
            g.writeEndObject();
        });
    }

    /** No further top-level members. */
    private static final Json.JsonBody NO_MEMBERS = g -> {};

    /** {@code {"<name>": "<value>"}}. */
    private static String encodeString(String name, String value) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField(name, value);
            g.writeEndObject();
        });
    }

    /** Writes the members of the JSON object that stands for one item. */
    @FunctionalInterface
    private interface MemberWriter<T> {
        void write(JsonGenerator g, T item) throws IOException;
    }

    /** Member {@code name}: the value, or {@code null}; also {@link TemboardSessionsCodec}'s. */
    static void writeNullable(JsonGenerator g, String name, Optional<String> value) throws IOException {
        if (value.isPresent()) {
            g.writeStringField(name, value.get());
        } else {
            g.writeNullField(name);
        }
    }

    private static void writeDuration(JsonGenerator g, double seconds) throws IOException {
        g.writeNumberField(
                "duration",
                BigDecimal.valueOf(seconds).setScale(2, RoundingMode.HALF_UP).doubleValue());
    }

    private static void writeOs(JsonGenerator g, ProcessStats os) throws IOException {
        g.writeStringField("iow", os.ioWait().map(w -> w ? "Y" : "N").orElse(HumanBytes.NOT_AVAILABLE));
        g.writeStringField("read_s", HumanBytes.format(os.readBytesPerSecond()));
        g.writeStringField("write_s", HumanBytes.format(os.writeBytesPerSecond()));
        writeNumberOrNa(g, "cpu", os.cpuPercent());
        writeNumberOrNa(g, "memory", os.memoryPercent());
    }

    private static void writeNumberOrNa(JsonGenerator g, String name, OptionalDouble value) throws IOException {
        if (value.isPresent()) {
            g.writeNumberField(name, value.getAsDouble());
        } else {
            g.writeStringField(name, HumanBytes.NOT_AVAILABLE);
        }
    }

    /** Member {@code name}: the number, or {@code null}. */
    static void writeNullable(JsonGenerator g, String name, OptionalLong value) throws IOException {
        if (value.isPresent()) {
            g.writeNumberField(name, value.getAsLong());
        } else {
            g.writeNullField(name);
        }
    }

    /** The extension members, none of which may be a {@code known} field; also {@link TemboardSessionsCodec}'s. */
    static void writeExtensions(JsonGenerator g, Map<String, JsonValue> extensions, Set<String> known)
            throws IOException {
        for (Map.Entry<String, JsonValue> e : extensions.entrySet()) {
            if (known.contains(e.getKey())) {
                throw new IllegalArgumentException(
                        "extension member '" + e.getKey() + "' would replace a field of the row");
            }
            g.writeFieldName(e.getKey());
            Json.write(g, e.getValue());
        }
    }
}
