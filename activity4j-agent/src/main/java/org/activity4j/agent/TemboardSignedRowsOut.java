package org.activity4j.agent;

import java.time.Duration;
import java.time.Instant;
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
import java.util.TreeSet;
import org.activity4j.client.internal.IsoInstants;
import org.activity4j.client.wire.TemboardLocksRow;
import org.activity4j.client.wire.TemboardSessionRow;
import org.activity4j.core.Backend;
import org.activity4j.core.Blocker;
import org.activity4j.core.JsonValue;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockWait;
import org.activity4j.core.PreparedTransaction;

/**
 * Core values to the rows that temBoard agents 8.0 and later added: {@code /activity/sessions} once per backend
 * (the real agent repeats a row per blocker), with {@code waiting} (waits on a lock) and {@code blocking} (some
 * listed backend's blockers include it), and the raw {@code /proc} counters null (the inspector gives rates, sent
 * on {@code /activity}); extension members {@code backend_type}, {@code xact_start}, {@code state_change}, {@code
 * wait_event_type}, {@code wait_event}, {@code leader_pid}, {@code query_id}, {@code blocked_by} (always) and
 * {@code blocked_by_prepared}. {@code /activity/locks}: one row per waiting lock and blocker ({@code blocking_pid},
 * 0 for a prepared transaction, as {@code pg_blocking_pids}), one per held lock that blocks, with the pids it
 * blocks once each, the wait start named {@code waitstart}, the lock's identity as extension {@code lock_object}.
 * Stateless.
 */
final class TemboardSignedRowsOut {
    private TemboardSignedRowsOut() {}

    static List<TemboardSessionRow> sessions(List<Backend> backends) {
        Set<Integer> blockers = new HashSet<>();
        backends.forEach(b -> blockers.addAll(b.blockedBy()));
        List<TemboardSessionRow> rows = new ArrayList<>();
        for (Backend b : backends) {
            Map<String, JsonValue> x = new LinkedHashMap<>();
            x.put("backend_type", b.backendType().map(JsonValue::of).orElse(JsonValue.nullValue()));
            b.transactionStart().ifPresent(t -> x.put("xact_start", JsonValue.of(IsoInstants.format(t))));
            b.stateChange().ifPresent(t -> x.put("state_change", JsonValue.of(IsoInstants.format(t))));
            b.waitEventType().ifPresent(t -> x.put("wait_event_type", JsonValue.of(t)));
            b.waitEvent().ifPresent(t -> x.put("wait_event", JsonValue.of(t)));
            b.leaderPid().ifPresent(p -> x.put("leader_pid", JsonValue.of(p)));
            b.queryId().ifPresent(q -> x.put("query_id", JsonValue.of(q)));
            x.put("blocked_by", pids(b.blockedBy()));
            if (!b.blockedByPrepared().isEmpty()) {
                x.put("blocked_by_prepared", prepared(b.blockedByPrepared()));
            }
            rows.add(new TemboardSessionRow(
                    b.pid(),
                    b.clientAddress(),
                    b.user(),
                    b.applicationName(),
                    b.database(),
                    b.state(),
                    b.backendStart(),
                    b.queryStart(),
                    b.duration().map(TemboardSignedRowsOut::seconds).orElse(OptionalDouble.empty()),
                    b.query(),
                    b.waitingOnLock(),
                    blockers.contains(b.pid()),
                    OptionalLong.empty(),
                    OptionalLong.empty(),
                    Optional.empty(),
                    OptionalLong.empty(),
                    OptionalLong.empty(),
                    x));
        }
        return rows;
    }

    static List<TemboardLocksRow> locks(List<LockWait> waits, List<LockHolder> holders) {
        Map<Integer, TreeSet<Integer>> blockedByPid = new LinkedHashMap<>();
        for (LockHolder h : holders) {
            if (h.blocker() instanceof Blocker.OfBackend b) {
                blockedByPid
                        .computeIfAbsent(b.backend().pid(), p -> new TreeSet<>())
                        .addAll(h.blocking());
            }
        }
        List<TemboardLocksRow> rows = new ArrayList<>();
        for (LockWait w : waits) {
            List<Integer> waitingPids =
                    List.copyOf(blockedByPid.getOrDefault(w.backend().pid(), new TreeSet<>()));
            List<OptionalInt> blockers = new ArrayList<>();
            w.blockedBy().forEach(p -> blockers.add(OptionalInt.of(p)));
            if (!w.blockedByPrepared().isEmpty()) {
                blockers.add(OptionalInt.of(0));
            }
            if (blockers.isEmpty()) {
                blockers.add(OptionalInt.empty());
            }
            for (OptionalInt blocker : blockers) {
                rows.add(row(w.backend(), w.lock(), blocker, waitingPids));
            }
        }
        for (LockHolder h : holders) {
            if (h.kind() == LockHolder.Kind.HOLDS && h.blocker() instanceof Blocker.OfBackend b) {
                rows.add(row(b.backend(), h.lock(), OptionalInt.empty(), h.blocking()));
            }
        }
        return rows;
    }

    private static TemboardLocksRow row(
            Backend b, org.activity4j.core.LockInfo lock, OptionalInt blocker, List<Integer> waitingPids) {
        Map<String, JsonValue> x = new LinkedHashMap<>();
        x.put("lock_object", JsonValue.of(lock.object().toString()));
        lock.relationOid().ifPresent(oid -> x.put("relation_oid", JsonValue.of(oid)));
        return new TemboardLocksRow(
                b.pid(),
                lock.type(),
                b.database(),
                Optional.empty(),
                lock.relation(),
                lock.mode(),
                lock.granted(),
                blocker,
                lock.waitStart(),
                waitingPids,
                x);
    }

    private static OptionalDouble seconds(Duration d) {
        return OptionalDouble.of(d.toNanos() / 1e9);
    }

    private static JsonValue pids(List<Integer> pids) {
        List<JsonValue> values = new ArrayList<>();
        pids.forEach(p -> values.add(JsonValue.of(p)));
        return JsonValue.array(values);
    }

    private static JsonValue prepared(List<PreparedTransaction> transactions) {
        List<JsonValue> values = new ArrayList<>();
        for (PreparedTransaction p : transactions) {
            Map<String, JsonValue> m = new LinkedHashMap<>();
            m.put("gid", JsonValue.of(p.gid()));
            m.put("transaction", JsonValue.of(p.transactionId()));
            p.owner().ifPresent(o -> m.put("owner", JsonValue.of(o)));
            p.database().ifPresent(d -> m.put("database", JsonValue.of(d)));
            p.prepared().map(Instant::toString).ifPresent(t -> m.put("prepared", JsonValue.of(t)));
            values.add(JsonValue.object(m));
        }
        return JsonValue.array(values);
    }
}
