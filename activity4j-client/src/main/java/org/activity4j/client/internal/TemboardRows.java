package org.activity4j.client.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.activity4j.client.wire.TemboardActivityRow;
import org.activity4j.client.wire.TemboardBlockingRows;
import org.activity4j.client.wire.TemboardLockRow;
import org.activity4j.client.wire.TemboardPreparedRow;
import org.activity4j.core.Backend;
import org.activity4j.core.Blocker;
import org.activity4j.core.JsonValue;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockInfo;
import org.activity4j.core.LockObject;
import org.activity4j.core.LockWait;
import org.activity4j.core.PreparedTransaction;
import org.activity4j.core.ProcessStats;
import org.activity4j.core.WireFormatException;

/**
 * Wire rows of the temBoard agent to core values. The old API has fewer fields than {@link Backend}; an
 * agent may send more as extension members ({@code backend_start}, {@code query_start}, {@code xact_start},
 * {@code state_change}, {@code application_name}, {@code backend_type}, {@code wait_event_type}, {@code
 * wait_event}, {@code leader_pid}, {@code query_id}, {@code blocked_by}, {@code blocking}, {@code wait_start},
 * {@code duration_unknown}, {@code blocked_by_prepared}, {@code lock_object}, {@code blocking_kind}, as the
 * reference agent does), and prepared transactions that block as {@code /activity/blocking}'s {@code
 * prepared_rows}. What a row does not carry is empty, never derived
 * from other fields or the time of the response; the one exception is who blocks whom, which without {@code
 * blocked_by} and {@code blocking} is derived from the lock rows (same lock type and relation), as documented
 * on {@link Backend#blockedBy()}. {@code duration} is a number on the wire even when the agent does not know
 * it; {@code "duration_unknown": true} says so, and the backend's duration is then empty.
 */
public final class TemboardRows {
    private TemboardRows() {}

    public static Backend backend(TemboardActivityRow r) {
        return backend(
                r.pid(),
                r.database(),
                r.user(),
                r.client(),
                r.state(),
                r.waiting(),
                r.query(),
                r.durationSeconds(),
                r.os(),
                r.extensions(),
                pids(r.extensions(), "blocked_by"));
    }

    public static Backend backend(TemboardLockRow r, boolean waiting, List<Integer> blockedBy) {
        return backend(
                r.pid(),
                r.database(),
                r.user(),
                Optional.empty(),
                r.state(),
                waiting,
                r.query(),
                r.durationSeconds(),
                r.os(),
                r.extensions(),
                blockedBy);
    }

    /**
     * The backend of an activity or lock row's fields, with its extension members {@code x}: what the old API
     * does not carry comes from {@code x} when the agent sends it, else it is derived as the class says.
     */
    private static Backend backend(
            int pid,
            Optional<String> database,
            String user,
            Optional<String> client,
            String state,
            boolean waiting,
            String query,
            double durationSeconds,
            ProcessStats os,
            Map<String, JsonValue> x,
            List<Integer> blockedBy) {
        Optional<Duration> duration =
                x.get("duration_unknown") instanceof JsonValue.JsonBoolean unknown && unknown.value()
                        ? Optional.empty()
                        : Optional.of(seconds(durationSeconds));
        return Backend.builder(pid)
                .database(database)
                .user(nonEmpty(user))
                .applicationName(string(x, "application_name"))
                .clientAddress(client)
                .backendType(string(x, "backend_type"))
                .state(nonEmpty(state))
                // The reference agent (which always sends backend_start) leaves wait_event_type out when the server
                // hides it; only the real agent's "wait": "Y" stands for it.
                .waitEventType(string(x, "wait_event_type")
                        .or(() -> waiting && !x.containsKey("backend_start") ? Optional.of("Lock") : Optional.empty()))
                .waitEvent(string(x, "wait_event"))
                .waitingOnLock(waiting)
                .query(query)
                .queryStart(instant(x, "query_start"))
                .transactionStart(instant(x, "xact_start"))
                .backendStart(instant(x, "backend_start"))
                .stateChange(instant(x, "state_change"))
                .duration(duration)
                .leaderPid(integer(x, "leader_pid"))
                .queryId(longInteger(x, "query_id"))
                .blockedBy(blockedBy)
                .blockedByPrepared(prepared(x))
                .processStats(os)
                .build();
    }

    static OptionalInt integer(Map<String, JsonValue> x, String name) {
        JsonValue v = x.get(name);
        return v == null || v instanceof JsonValue.JsonNull
                ? OptionalInt.empty()
                : OptionalInt.of(WireObject.toInt(name, v));
    }

    static OptionalLong longInteger(Map<String, JsonValue> x, String name) {
        JsonValue v = x.get(name);
        return v == null || v instanceof JsonValue.JsonNull
                ? OptionalLong.empty()
                : OptionalLong.of(WireObject.toLong(name, v));
    }

    public static LockInfo lock(TemboardLockRow r, boolean granted) {
        Optional<String> relation = r.relation();
        OptionalLong oid = OptionalLong.empty();
        if (relation.isPresent()
                && relation.get().chars().allMatch(c -> c >= '0' && c <= '9')
                && relation.get().length() < 19) {
            // The agent sends the OID as text for a table of another database.
            oid = OptionalLong.of(Long.parseLong(relation.get()));
            relation = Optional.empty();
        }
        Map<String, JsonValue> x = r.extensions();
        if (x.containsKey("relation_oid")) {
            oid = longInteger(x, "relation_oid");
        }
        JsonValue grantedMember = x.get("granted");
        if (grantedMember instanceof JsonValue.JsonBoolean g) {
            granted = g.value();
        }
        Optional<String> object = string(x, "lock_object");
        if (object.isEmpty()) {
            return new LockInfo(r.type(), r.mode(), granted, relation, oid, instant(x, "wait_start"));
        }
        LockObject parsed;
        try {
            parsed = LockObject.parse(object.get());
        } catch (IllegalArgumentException e) {
            throw WireFormatException.badValue("lock_object", object.get(), String.valueOf(e.getMessage()), e);
        }
        if (!parsed.type().equals(r.type())) {
            throw WireFormatException.badValue("lock_object", object.get(), "not of lock type " + r.type());
        }
        return new LockInfo(r.type(), r.mode(), granted, relation, oid, instant(x, "wait_start"), parsed);
    }

    /** Waiting rows with their blockers: the {@code blocked_by} extension, else the matching blocking rows. */
    public static List<LockWait> waits(List<TemboardLockRow> waiting, List<TemboardLockRow> blocking) {
        List<LockWait> result = new ArrayList<>();
        for (TemboardLockRow w : waiting) {
            List<Integer> blockedBy = w.extensions().containsKey("blocked_by")
                    ? pids(w.extensions(), "blocked_by")
                    : matching(w, blocking);
            result.add(new LockWait(backend(w, true, blockedBy), lock(w, false), blockedBy, prepared(w.extensions())));
        }
        return result;
    }

    /** Blocking rows with whom they block: the {@code blocking} extension, else the matching waiting rows. */
    public static List<LockHolder> holders(List<TemboardLockRow> blocking, List<TemboardLockRow> waiting) {
        List<LockHolder> result = new ArrayList<>();
        for (TemboardLockRow b : blocking) {
            List<Integer> blocks =
                    b.extensions().containsKey("blocking") ? pids(b.extensions(), "blocking") : matching(b, waiting);
            if (!blocks.isEmpty()) {
                LockInfo lock = lock(b, true);
                Optional<String> kind = string(b.extensions(), "blocking_kind");
                LockHolder.Kind k = kind.isEmpty()
                        ? (lock.granted() ? LockHolder.Kind.HOLDS : LockHolder.Kind.QUEUED_AHEAD)
                        : kind(kind.get());
                result.add(new LockHolder(
                        new Blocker.OfBackend(backend(b, false, pids(b.extensions(), "blocked_by"))), lock, k, blocks));
            }
        }
        return result;
    }

    /**
     * The holders of the reference agent's {@code prepared_rows} extension of {@code /activity/blocking}: each a
     * prepared transaction that {@linkplain LockHolder.Kind#HOLDS holds} a granted lock, in order.
     */
    public static List<LockHolder> preparedHolders(List<TemboardPreparedRow> rows) {
        List<LockHolder> result = new ArrayList<>();
        for (TemboardPreparedRow r : rows) {
            PreparedTransaction p =
                    new PreparedTransaction(r.gid(), r.transactionId(), r.owner(), r.database(), r.prepared());
            LockInfo lock =
                    new LockInfo(r.type(), r.mode(), true, r.relation(), r.relationOid(), Optional.empty(), r.object());
            result.add(new LockHolder(new Blocker.OfPreparedTransaction(p), lock, LockHolder.Kind.HOLDS, r.blocking()));
        }
        return result;
    }

    /**
     * The backends' holders, then those of the answer's prepared rows: the PostgreSQL inspector orders prepared
     * transactions after every backend too.
     */
    public static List<LockHolder> withPrepared(List<LockHolder> backends, TemboardBlockingRows answer) {
        if (answer.preparedRows().isEmpty()) {
            return backends;
        }
        List<LockHolder> all = new ArrayList<>(backends);
        all.addAll(preparedHolders(answer.preparedRows()));
        return all;
    }

    static LockHolder.Kind kind(String text) {
        return switch (text) {
            case "holds" -> LockHolder.Kind.HOLDS;
            case "queued_ahead" -> LockHolder.Kind.QUEUED_AHEAD;
            default -> throw WireFormatException.badValue("blocking_kind", text, "expected holds or queued_ahead");
        };
    }

    /** The {@code blocked_by_prepared} extension: objects with gid, transaction, owner, database, prepared. */
    static List<PreparedTransaction> prepared(Map<String, JsonValue> x) {
        JsonValue v = x.get("blocked_by_prepared");
        if (v == null || v instanceof JsonValue.JsonNull) {
            return List.of();
        }
        return WireObject.mapArray("blocked_by_prepared", v, (path, e) -> {
            if (!(e instanceof JsonValue.JsonObject o)) {
                throw WireFormatException.badValue(path, e.toString(), "expected an object");
            }
            Map<String, JsonValue> m = o.members();
            return new PreparedTransaction(
                    string(m, "gid")
                            .filter(g -> !g.isEmpty())
                            .orElseThrow(() -> WireFormatException.badValue(path + ".gid", "", "expected a gid")),
                    longInteger(m, "transaction").orElse(0),
                    string(m, "owner"),
                    string(m, "database"),
                    instant(m, "prepared"));
        });
    }

    /** Whether the rows need the other list to know who blocks whom. */
    public static boolean needOtherList(List<TemboardLockRow> rows, String extension) {
        return rows.stream().anyMatch(r -> !r.extensions().containsKey(extension));
    }

    private static List<Integer> matching(TemboardLockRow row, List<TemboardLockRow> others) {
        TreeSet<Integer> pids = new TreeSet<>();
        for (TemboardLockRow o : others) {
            if (o.pid() != row.pid()
                    && o.type().equals(row.type())
                    && o.relation().equals(row.relation())
                    && o.database().equals(row.database())) {
                pids.add(o.pid());
            }
        }
        return List.copyOf(pids);
    }

    private static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    private static Optional<String> nonEmpty(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    static Optional<String> string(Map<String, JsonValue> x, String name) {
        JsonValue v = x.get(name);
        if (v == null || v instanceof JsonValue.JsonNull) {
            return Optional.empty();
        }
        return Optional.of(WireObject.toStringValue(name, v));
    }

    static Optional<Instant> instant(Map<String, JsonValue> x, String name) {
        return string(x, name).map(text -> {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw WireFormatException.badValue(name, text, "expected an ISO-8601 instant", e);
            }
        });
    }

    static List<Integer> pids(Map<String, JsonValue> x, String name) {
        JsonValue v = x.get(name);
        if (v == null || v instanceof JsonValue.JsonNull) {
            return List.of();
        }
        TreeSet<Integer> pids = new TreeSet<>(WireObject.mapArray(name, v, WireObject::toInt));
        return List.copyOf(pids);
    }
}
