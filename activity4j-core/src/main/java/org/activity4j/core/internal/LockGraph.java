package org.activity4j.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.activity4j.core.Backend;
import org.activity4j.core.Blocker;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockInfo;
import org.activity4j.core.LockObject;
import org.activity4j.core.LockWait;
import org.activity4j.core.PreparedTransaction;
import org.jspecify.annotations.Nullable;

/**
 * Who blocks whom by which lock, from one read of the locks on contended objects ({@link LockRow}s) and the
 * backends of one read of {@code pg_stat_activity}. A lock row of a pid that the backends do not list (it
 * started or ended between the two reads) is left out; so every blocker and waiter is a listed backend or a
 * prepared transaction.
 */
final class LockGraph {
    private final Map<Integer, Backend> backends;
    private final Map<LockObject, List<LockRow>> byObject = new LinkedHashMap<>();
    private final List<LockRow> waitRows = new ArrayList<>();
    private final Map<Integer, List<PreparedTransaction>> prepared = new HashMap<>();

    LockGraph(Map<Integer, Backend> backends, List<LockRow> rows) {
        for (LockRow r : rows) {
            byObject.computeIfAbsent(r.lock().object(), k -> new ArrayList<>()).add(r);
            if (!r.lock().granted()
                    && r.pid().isPresent()
                    && backends.containsKey(r.pid().getAsInt())) {
                waitRows.add(r);
            }
        }
        for (LockRow w : waitRows) {
            if (!w.blockers().contains(0)) {
                continue;
            }
            Map<String, PreparedTransaction> byGid = new LinkedHashMap<>();
            for (LockRow r : byObject.getOrDefault(w.lock().object(), List.of())) {
                if (r.prepared().isPresent() && r.lock().granted() && conflict(r, w)) {
                    byGid.putIfAbsent(r.prepared().get().gid(), r.prepared().get());
                }
            }
            prepared.put(w.pid().getAsInt(), List.copyOf(byGid.values()));
        }
        Map<Integer, Backend> withPrepared = new HashMap<>(backends);
        prepared.forEach((pid, list) -> withPrepared.computeIfPresent(
                pid, (k, b) -> b.toBuilder().blockedByPrepared(list).build()));
        this.backends = withPrepared;
    }

    private static boolean conflict(LockRow held, LockRow waiting) {
        return LockModes.conflict(held.lock().mode(), waiting.lock().mode());
    }

    /** {@code b} with the prepared transactions that block it (the 0s of its pg_blocking_pids), if any. */
    Backend withPrepared(Backend b) {
        List<PreparedTransaction> list = prepared.get(b.pid());
        return list == null ? b : b.toBuilder().blockedByPrepared(list).build();
    }

    List<LockWait> waits() {
        List<LockWait> waits = new ArrayList<>();
        for (LockRow w : waitRows) {
            int pid = w.pid().getAsInt();
            waits.add(new LockWait(
                    backend(pid), w.lock(), BackendRows.blockers(w.blockers()), prepared.getOrDefault(pid, List.of())));
        }
        return waits;
    }

    private Backend backend(int pid) {
        Backend b = backends.get(pid);
        if (b == null) {
            throw new IllegalStateException("no backend " + pid);
        }
        return b;
    }

    private record HolderKey(String blocker, LockObject object, LockHolder.Kind kind, String mode) {}

    private static final class Holding {
        final Blocker blocker;
        final LockInfo lock;
        final LockHolder.Kind kind;
        final TreeSet<Integer> waiters = new TreeSet<>();

        Holding(Blocker blocker, LockInfo lock, LockHolder.Kind kind) {
            this.blocker = blocker;
            this.lock = lock;
            this.kind = kind;
        }
    }

    List<LockHolder> holders() {
        Map<HolderKey, Holding> holdings = new LinkedHashMap<>();
        for (LockRow w : waitRows) {
            int waiter = w.pid().getAsInt();
            List<LockRow> onObject = byObject.getOrDefault(w.lock().object(), List.of());
            for (int b : BackendRows.blockers(w.blockers())) {
                Backend blocker = backends.get(b);
                if (blocker == null || b == waiter) {
                    continue;
                }
                Optional<LockRow> how = blockingRow(b, w, onObject);
                how.ifPresent(r -> {
                    LockHolder.Kind kind = r.lock().granted() ? LockHolder.Kind.HOLDS : LockHolder.Kind.QUEUED_AHEAD;
                    holdings.computeIfAbsent(
                                    new HolderKey(
                                            "pid:" + b,
                                            r.lock().object(),
                                            kind,
                                            r.lock().mode()),
                                    k -> new Holding(new Blocker.OfBackend(blocker), r.lock(), kind))
                            .waiters
                            .add(waiter);
                });
            }
            for (LockRow r : onObject) {
                if (r.prepared().isPresent()
                        && r.lock().granted()
                        && conflict(r, w)
                        && w.blockers().contains(0)) {
                    PreparedTransaction p = r.prepared().get();
                    holdings.computeIfAbsent(
                                    new HolderKey(
                                            "gid:" + p.gid(),
                                            r.lock().object(),
                                            LockHolder.Kind.HOLDS,
                                            r.lock().mode()),
                                    k -> new Holding(
                                            new Blocker.OfPreparedTransaction(p), r.lock(), LockHolder.Kind.HOLDS))
                            .waiters
                            .add(waiter);
                }
            }
        }
        List<LockHolder> holders = new ArrayList<>();
        holdings.values().forEach(h -> holders.add(new LockHolder(h.blocker, h.lock, h.kind, List.copyOf(h.waiters))));
        return holders;
    }

    /**
     * How backend {@code b}, named by {@code pg_blocking_pids} of waiter {@code w}, blocks it: its (or its
     * parallel group's) granted lock on the object in a conflicting mode, the strongest such; else its own
     * request ahead in the queue in a conflicting mode. Empty when the lock read does not show either (the
     * lock changed between the two lock-manager reads of one statement).
     */
    private Optional<LockRow> blockingRow(int b, LockRow w, List<LockRow> onObject) {
        @Nullable LockRow held = null;
        @Nullable LockRow queued = null;
        for (LockRow r : onObject) {
            if (r.pid().isEmpty() || !inGroup(r.pid().getAsInt(), b) || !conflict(r, w)) {
                continue;
            }
            if (r.lock().granted()) {
                if (held == null
                        || ownFirst(r, b, held) < 0
                        || LockModes.strength(r.lock().mode())
                                > LockModes.strength(held.lock().mode())) {
                    held = r;
                }
            } else if (r.pid().getAsInt() != w.pid().getAsInt()
                    && (queued == null || r.pid().getAsInt() == b)) {
                queued = r;
            }
        }
        return Optional.ofNullable(held != null ? held : queued);
    }

    private static int ownFirst(LockRow candidate, int b, LockRow current) {
        boolean c = candidate.pid().getAsInt() == b;
        boolean k = current.pid().getAsInt() == b;
        return c == k ? 0 : c ? -1 : 1;
    }

    /** Whether {@code pid} is {@code leader} or one of its parallel workers. */
    private boolean inGroup(int pid, int leader) {
        if (pid == leader) {
            return true;
        }
        Backend b = backends.get(pid);
        return b != null && b.leaderPid().isPresent() && b.leaderPid().getAsInt() == leader;
    }

    static final Comparator<LockHolder> HOLDER_ORDER = Comparator.comparing(
                    (LockHolder h) -> h.blocker() instanceof Blocker.OfBackend ob
                            ? ob.backend().duration()
                            : Optional.<java.time.Duration>empty(),
                    PostgresBackendInspector.LONGEST_FIRST)
            .thenComparing(LockHolder::blocker, LockTrees.ORDER)
            .thenComparing(h -> h.lock().object().toString())
            .thenComparing(LockHolder::kind);
}
