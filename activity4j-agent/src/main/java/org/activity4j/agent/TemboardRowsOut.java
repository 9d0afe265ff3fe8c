package org.activity4j.agent;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.activity4j.client.internal.IsoInstants;
import org.activity4j.client.wire.TemboardActivityRow;
import org.activity4j.client.wire.TemboardBlockingRows;
import org.activity4j.client.wire.TemboardLockRow;
import org.activity4j.client.wire.TemboardPreparedRow;
import org.activity4j.core.Backend;
import org.activity4j.core.Blocker;
import org.activity4j.core.JsonValue;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockInfo;
import org.activity4j.core.LockWait;
import org.activity4j.core.PreparedTransaction;

/**
 * Core values to temBoard wire rows: the old API's fields, plus the extension members {@code
 * TemboardAgentClient} reads ({@code backend_start}, {@code query_start}, {@code xact_start}, {@code
 * state_change}, {@code application_name}, {@code backend_type}, {@code wait_event_type}, {@code wait_event},
 * {@code blocked_by}, {@code blocking}, {@code wait_start}, {@code leader_pid}, {@code query_id}, {@code
 * relation_oid}, {@code granted}, {@code duration_unknown}, {@code lock_object}, {@code blocking_kind}, {@code
 * blocked_by_prepared}), and {@code /activity/blocking}'s {@code prepared_rows} for the prepared transactions
 * that block. Nothing is made up: {@code backend_start},
 * {@code query_start}, {@code application_name} and {@code backend_type} are null when unknown, the others
 * are left out. The old API's {@code duration} is a number in every row the real agent 7.11 sends (it drops
 * rows whose duration is NULL), so a backend whose duration is unknown is written with {@code "duration": 0}
 * and {@code "duration_unknown": true}, which the client reads as an empty duration. Stateless.
 */
final class TemboardRowsOut {
    private TemboardRowsOut() {}

    static TemboardActivityRow activity(Backend b) {
        return new TemboardActivityRow(
                b.pid(),
                b.database(),
                b.clientAddress(),
                seconds(b),
                b.waitingOnLock(),
                b.user().orElse(""),
                b.state().orElse(""),
                b.query(),
                b.processStats(),
                extensions(b, Optional.empty(), b.blockedBy()));
    }

    static List<TemboardLockRow> waiting(List<LockWait> waits) {
        List<TemboardLockRow> rows = new ArrayList<>();
        for (LockWait w : waits) {
            Map<String, JsonValue> x = extensions(w.backend(), w.lock().waitStart(), List.of());
            x.put("blocked_by", pids(w.blockedBy()));
            x.remove("blocked_by_prepared");
            if (!w.blockedByPrepared().isEmpty()) {
                x.put("blocked_by_prepared", prepared(w.blockedByPrepared()));
            }
            rows.add(lock(w.backend(), w.lock(), x));
        }
        return rows;
    }

    /**
     * The answer of {@code /activity/blocking}: the backends' holdings as {@code rows}, the prepared
     * transactions' as {@code prepared_rows} (the old API's rows need a pid, which they do not have).
     */
    static TemboardBlockingRows blockingAnswer(List<LockHolder> holders) {
        List<TemboardPreparedRow> prepared = new ArrayList<>();
        for (LockHolder h : holders) {
            if (h.blocker() instanceof Blocker.OfPreparedTransaction p) {
                PreparedTransaction t = p.transaction();
                LockInfo lock = h.lock();
                prepared.add(new TemboardPreparedRow(
                        t.gid(),
                        t.transactionId(),
                        t.owner(),
                        t.database(),
                        t.prepared(),
                        lock.mode(),
                        lock.type(),
                        lock.relation(),
                        lock.relationOid(),
                        lock.object(),
                        h.blocking(),
                        Map.of()));
            }
        }
        return new TemboardBlockingRows(blocking(holders), prepared);
    }

    private static List<TemboardLockRow> blocking(List<LockHolder> holders) {
        List<TemboardLockRow> rows = new ArrayList<>();
        for (LockHolder h : holders) {
            // The old API's rows need a pid: a prepared transaction's holdings are the answer's prepared_rows.
            if (!(h.blocker() instanceof Blocker.OfBackend blocker)) {
                continue;
            }
            Backend b = blocker.backend();
            Map<String, JsonValue> x = extensions(b, h.lock().waitStart(), b.blockedBy());
            x.put("blocking", pids(h.blocking()));
            x.put("blocking_kind", JsonValue.of(h.kind() == LockHolder.Kind.HOLDS ? "holds" : "queued_ahead"));
            rows.add(lock(b, h.lock(), x));
        }
        return rows;
    }

    private static TemboardLockRow lock(Backend b, LockInfo lock, Map<String, JsonValue> extensions) {
        lock.relationOid().ifPresent(oid -> extensions.put("relation_oid", JsonValue.of(oid)));
        extensions.put("granted", JsonValue.of(lock.granted()));
        extensions.put("lock_object", JsonValue.of(lock.object().toString()));
        Optional<String> relation = lock.relation();
        if (relation.isEmpty() && lock.relationOid().isPresent()) {
            // As the real agent: the OID as text for a table of another database.
            relation = Optional.of(Long.toString(lock.relationOid().getAsLong()));
        }
        return new TemboardLockRow(
                b.pid(),
                b.database(),
                b.user().orElse(""),
                lock.mode(),
                lock.type(),
                relation,
                seconds(b),
                b.state().orElse(""),
                b.query(),
                b.processStats(),
                extensions);
    }

    private static Map<String, JsonValue> extensions(Backend b, Optional<Instant> waitStart, List<Integer> blockedBy) {
        Map<String, JsonValue> x = new LinkedHashMap<>();
        x.put(
                "backend_start",
                b.backendStart().map(t -> JsonValue.of(IsoInstants.format(t))).orElse(JsonValue.nullValue()));
        x.put(
                "query_start",
                b.queryStart().map(t -> JsonValue.of(IsoInstants.format(t))).orElse(JsonValue.nullValue()));
        b.transactionStart().ifPresent(t -> x.put("xact_start", JsonValue.of(IsoInstants.format(t))));
        b.stateChange().ifPresent(t -> x.put("state_change", JsonValue.of(IsoInstants.format(t))));
        x.put("application_name", b.applicationName().map(JsonValue::of).orElse(JsonValue.nullValue()));
        x.put("backend_type", b.backendType().map(JsonValue::of).orElse(JsonValue.nullValue()));
        b.leaderPid().ifPresent(p -> x.put("leader_pid", JsonValue.of(p)));
        b.queryId().ifPresent(q -> x.put("query_id", JsonValue.of(q)));
        b.waitEventType().ifPresent(t -> x.put("wait_event_type", JsonValue.of(t)));
        b.waitEvent().ifPresent(t -> x.put("wait_event", JsonValue.of(t)));
        waitStart.ifPresent(t -> x.put("wait_start", JsonValue.of(IsoInstants.format(t))));
        if (b.duration().isEmpty()) {
            x.put("duration_unknown", JsonValue.of(true));
        }
        if (!blockedBy.isEmpty()) {
            x.put("blocked_by", pids(blockedBy));
        }
        if (!b.blockedByPrepared().isEmpty()) {
            x.put("blocked_by_prepared", prepared(b.blockedByPrepared()));
        }
        return x;
    }

    private static JsonValue prepared(List<PreparedTransaction> transactions) {
        List<JsonValue> values = new ArrayList<>();
        for (PreparedTransaction p : transactions) {
            Map<String, JsonValue> m = new LinkedHashMap<>();
            m.put("gid", JsonValue.of(p.gid()));
            m.put("transaction", JsonValue.of(p.transactionId()));
            p.owner().ifPresent(o -> m.put("owner", JsonValue.of(o)));
            p.database().ifPresent(d -> m.put("database", JsonValue.of(d)));
            p.prepared().ifPresent(t -> m.put("prepared", JsonValue.of(IsoInstants.format(t))));
            values.add(JsonValue.object(m));
        }
        return JsonValue.array(values);
    }

    private static JsonValue pids(List<Integer> pids) {
        List<JsonValue> values = new ArrayList<>();
        for (int pid : pids) {
            values.add(JsonValue.of(pid));
        }
        return JsonValue.array(values);
    }

    /** The old API's {@code duration}; 0 when unknown, with {@code duration_unknown} (see the class). */
    private static double seconds(Backend b) {
        return b.duration()
                .map(d -> BigDecimal.valueOf(d.toNanos(), 9).doubleValue())
                .orElse(0.0);
    }
}
