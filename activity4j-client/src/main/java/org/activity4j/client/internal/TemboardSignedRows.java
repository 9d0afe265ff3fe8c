package org.activity4j.client.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.activity4j.client.wire.TemboardActivityRow;
import org.activity4j.client.wire.TemboardLockRow;
import org.activity4j.client.wire.TemboardLocksRow;
import org.activity4j.client.wire.TemboardSessionRow;
import org.activity4j.core.Backend;
import org.activity4j.core.Blocker;
import org.activity4j.core.JsonValue;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockInfo;
import org.activity4j.core.LockWait;
import org.activity4j.core.ProcessStats;
import org.jspecify.annotations.Nullable;

/**
 * The rows of temBoard agents 8.0 and later to core values, with the real agent's quirks corrected and nothing
 * made up: {@code /activity/sessions} repeats a row once per blocker and blocked pid (kept once per pid); exact
 * blockers come from the ungranted rows of {@code /activity/locks} ({@code blocking_pid}, which is {@code
 * pg_blocking_pids}; the 0 of a prepared transaction left out); its wait start is read under its real name
 * {@code min} too; the blocking rows of {@code /activity/blocking} (a self-join of {@code pg_locks} that ignores
 * lock modes) count only the waiters that the exact blockers confirm, once per lock. Extension members of
 * activity4j's reference agent ({@code blocked_by}, {@code blocking}, {@code backend_type}, ...) are read as
 * {@link TemboardRows} reads them. Stateless.
 */
public final class TemboardSignedRows {
    private TemboardSignedRows() {}

    /** The rows once per pid (the first of each, in order), {@code waiting} and {@code blocking} of all of them. */
    public static List<TemboardSessionRow> distinct(List<TemboardSessionRow> rows) {
        Map<Integer, TemboardSessionRow> byPid = new LinkedHashMap<>();
        for (TemboardSessionRow r : rows) {
            TemboardSessionRow first = byPid.get(r.pid());
            if (first == null) {
                byPid.put(r.pid(), r);
            } else if ((r.waiting() && !first.waiting()) || (r.blocking() && !first.blocking())) {
                byPid.put(
                        r.pid(),
                        new TemboardSessionRow(
                                first.pid(),
                                first.clientAddress(),
                                first.user(),
                                first.applicationName(),
                                first.database(),
                                first.state(),
                                first.backendStart(),
                                first.queryStart(),
                                first.durationSeconds(),
                                first.query(),
                                first.waiting() || r.waiting(),
                                first.blocking() || r.blocking(),
                                first.cpuTicks(),
                                first.residentBytes(),
                                first.processState(),
                                first.readBytes(),
                                first.writeBytes(),
                                first.extensions()));
            }
        }
        return List.copyOf(byPid.values());
    }

    /** Whether some waiting session lacks the {@code blocked_by} extension, so its blockers need the locks. */
    public static boolean needLocks(List<TemboardSessionRow> sessions) {
        return sessions.stream().anyMatch(s -> s.waiting() && !s.extensions().containsKey("blocked_by"));
    }

    /** Whether some waiting lock row lacks the {@code blocked_by} extension. */
    public static boolean needLocksForWaits(List<TemboardLockRow> waiting) {
        return waiting.stream().anyMatch(w -> !w.extensions().containsKey("blocked_by"));
    }

    /** Exact blockers of each waiting pid: the {@code blocking_pid}s of its ungranted lock rows, ascending, never 0. */
    public static Map<Integer, List<Integer>> blockers(List<TemboardLocksRow> locks) {
        Map<Integer, TreeSet<Integer>> sets = new HashMap<>();
        for (TemboardLocksRow l : locks) {
            if (!l.granted()) {
                TreeSet<Integer> s = sets.computeIfAbsent(l.pid(), p -> new TreeSet<>());
                if (l.blockingPid().isPresent() && l.blockingPid().getAsInt() > 0) {
                    s.add(l.blockingPid().getAsInt());
                }
            }
        }
        Map<Integer, List<Integer>> result = new HashMap<>();
        sets.forEach((pid, s) -> result.put(pid, List.copyOf(s)));
        return result;
    }

    /**
     * Backends from distinct session rows: times, application name and waiting from the session, blockers from
     * {@code blocked_by} or {@code blockers}, CPU and I/O rates from the counters ({@code rates}), I/O wait from
     * {@code proc_state}, memory (percent of the host's) from the {@code /activity} row of the pid; when the
     * session has no counters, the {@code /activity} row's figures. Longest-running first (oldest {@code
     * query_start}), never-queried last, otherwise in the agent's order.
     */
    public static List<Backend> backends(
            List<TemboardSessionRow> sessions,
            List<TemboardActivityRow> activity,
            Map<Integer, List<Integer>> blockers,
            Map<Integer, ProcessCounters.Rates> rates) {
        Map<Integer, TemboardActivityRow> byPid = new HashMap<>();
        activity.forEach(a -> byPid.putIfAbsent(a.pid(), a));
        List<Backend> result = new ArrayList<>();
        for (TemboardSessionRow s : sessions) {
            result.add(backend(
                    s,
                    Optional.ofNullable(byPid.get(s.pid())),
                    blockers.getOrDefault(s.pid(), List.of()),
                    rates.getOrDefault(s.pid(), ProcessCounters.Rates.UNKNOWN)));
        }
        result.sort(Comparator.comparing(
                (Backend b) -> b.queryStart().orElse(Instant.MAX), Comparator.<Instant>naturalOrder()));
        return result;
    }

    private static Backend backend(
            TemboardSessionRow s,
            Optional<TemboardActivityRow> activity,
            List<Integer> blockers,
            ProcessCounters.Rates rates) {
        Map<String, JsonValue> x = s.extensions();
        // The reference agent always sends backend_type (null when hidden); the real agent never does, and its
        // "waiting" is a heavyweight-lock wait.
        boolean reference = x.containsKey("backend_type");
        ProcessStats os;
        if (s.cpuTicks().isPresent()) {
            os = new ProcessStats(
                    rates.cpuPercent(),
                    activity.map(a -> a.os().memoryPercent()).orElse(java.util.OptionalDouble.empty()),
                    rates.readPerSecond(),
                    rates.writePerSecond(),
                    s.processState().map(state -> state.equals("D")));
        } else {
            os = activity.map(TemboardActivityRow::os).orElse(ProcessStats.unknown());
        }
        return Backend.builder(s.pid())
                .database(s.database())
                .user(s.user())
                .applicationName(s.applicationName())
                .clientAddress(s.clientAddress())
                .backendType(TemboardRows.string(x, "backend_type"))
                .state(s.state())
                .waitEventType(TemboardRows.string(x, "wait_event_type")
                        .or(() -> s.waiting() && !reference ? Optional.of("Lock") : Optional.empty()))
                .waitEvent(TemboardRows.string(x, "wait_event"))
                .waitingOnLock(s.waiting())
                .query(s.query())
                .queryStart(s.queryStart())
                .transactionStart(TemboardRows.instant(x, "xact_start"))
                .backendStart(s.backendStart())
                .stateChange(TemboardRows.instant(x, "state_change"))
                .duration(
                        s.durationSeconds().isPresent()
                                ? Optional.of(Duration.ofMillis(
                                        Math.round(s.durationSeconds().getAsDouble() * 1000)))
                                : Optional.empty())
                .leaderPid(TemboardRows.integer(x, "leader_pid"))
                .queryId(TemboardRows.longInteger(x, "query_id"))
                .blockedBy(x.containsKey("blocked_by") ? TemboardRows.pids(x, "blocked_by") : blockers)
                .blockedByPrepared(TemboardRows.prepared(x))
                .processStats(os)
                .build();
    }

    /** Waits: blockers from {@code blocked_by} or the locks, wait start from the row or the locks. */
    public static List<LockWait> waits(List<TemboardLockRow> waiting, List<TemboardLocksRow> locks) {
        Map<Integer, List<Integer>> exact = blockers(locks);
        Map<Integer, Instant> starts = new HashMap<>();
        for (TemboardLocksRow l : locks) {
            if (!l.granted() && l.waitStart().isPresent()) {
                starts.putIfAbsent(l.pid(), l.waitStart().get());
            }
        }
        List<LockWait> result = new ArrayList<>();
        for (TemboardLockRow w : waiting) {
            List<Integer> blockedBy = w.extensions().containsKey("blocked_by")
                    ? TemboardRows.pids(w.extensions(), "blocked_by")
                    : exact.getOrDefault(w.pid(), List.of());
            LockInfo lock = TemboardRows.lock(w, false);
            Instant start = starts.get(w.pid());
            if (lock.waitStart().isEmpty() && start != null) {
                lock = new LockInfo(
                        lock.type(),
                        lock.mode(),
                        lock.granted(),
                        lock.relation(),
                        lock.relationOid(),
                        Optional.of(start),
                        lock.object());
            }
            result.add(new LockWait(
                    TemboardRows.backend(w, true, blockedBy), lock, blockedBy, TemboardRows.prepared(w.extensions())));
        }
        return result;
    }

    /** Whether every blocking row carries the {@code blocking} extension (then nothing else is needed). */
    public static boolean holdersComplete(List<TemboardLockRow> blocking) {
        return !TemboardRows.needOtherList(blocking, "blocking");
    }

    /**
     * Holders: as the rows' {@code blocking} extension says; otherwise each blocking row once per lock, blocking
     * the waiters on the same lock type, relation and database whose exact blockers include it; a blocker that
     * no such row covers but that waits on the waiter's object itself is {@link LockHolder.Kind#QUEUED_AHEAD};
     * one that holds an exclusive lock of the waiter's type that {@code /activity/locks} lists (advisory,
     * virtualxid locks, which {@code /activity/blocking} misses) is {@link LockHolder.Kind#HOLDS} with what that
     * row says.
     */
    public static List<LockHolder> holders(
            List<TemboardLockRow> blocking, List<TemboardLockRow> waiting, List<TemboardLocksRow> locks) {
        if (holdersComplete(blocking)) {
            return TemboardRows.holders(blocking, List.of());
        }
        Map<Integer, List<Integer>> exact = blockers(locks);
        Map<List<Object>, Building> holders = new LinkedHashMap<>();
        for (TemboardLockRow b : blocking) {
            for (TemboardLockRow w : waiting) {
                if (w.pid() != b.pid()
                        && sameObject(w, b)
                        && exact.getOrDefault(w.pid(), List.of()).contains(b.pid())) {
                    holders.computeIfAbsent(key(b, true), k -> new Building(b, true, null))
                            .blocked
                            .add(w.pid());
                }
            }
        }
        for (TemboardLockRow w : waiting) {
            for (int blocker : exact.getOrDefault(w.pid(), List.of())) {
                boolean covered =
                        holders.values().stream().anyMatch(h -> h.pid() == blocker && h.blocked.contains(w.pid()));
                if (covered) {
                    continue;
                }
                Optional<TemboardLockRow> queued = waiting.stream()
                        .filter(q -> q.pid() == blocker && sameObject(q, w))
                        .findFirst();
                if (queued.isPresent()) {
                    holders.computeIfAbsent(key(queued.get(), false), k -> new Building(queued.get(), false, null))
                            .blocked
                            .add(w.pid());
                    continue;
                }
                for (TemboardLocksRow l : locks) {
                    if (l.pid() == blocker
                            && l.granted()
                            && l.lockType().equals(w.type())
                            && l.waitingPids().contains(w.pid())) {
                        holders.computeIfAbsent(
                                        List.of(l.pid(), l.lockType(), l.mode(), l.database(), l.relation(), true),
                                        k -> new Building(null, true, l))
                                .blocked
                                .add(w.pid());
                        break;
                    }
                }
            }
        }
        List<LockHolder> result = new ArrayList<>();
        holders.values().forEach(h -> result.add(h.toHolder()));
        return result;
    }

    private static boolean sameObject(TemboardLockRow a, TemboardLockRow b) {
        return a.type().equals(b.type())
                && a.relation().equals(b.relation())
                && a.database().equals(b.database());
    }

    private static List<Object> key(TemboardLockRow r, boolean granted) {
        return List.of(r.pid(), r.type(), r.mode(), r.relation(), r.database(), granted);
    }

    /** A holder being collected: from a blocking or waiting row, or from a granted row of the locks. */
    private static final class Building {
        final @Nullable TemboardLockRow row;
        final boolean granted;
        final @Nullable TemboardLocksRow locksRow;
        final TreeSet<Integer> blocked = new TreeSet<>();

        Building(@Nullable TemboardLockRow row, boolean granted, @Nullable TemboardLocksRow locksRow) {
            this.row = row;
            this.granted = granted;
            this.locksRow = locksRow;
        }

        int pid() {
            TemboardLockRow r = row;
            return r != null ? r.pid() : Objects.requireNonNull(locksRow).pid();
        }

        LockHolder toHolder() {
            TemboardLockRow r = row;
            if (r != null) {
                return new LockHolder(
                        new Blocker.OfBackend(TemboardRows.backend(r, !granted, List.of())),
                        TemboardRows.lock(r, granted),
                        granted ? LockHolder.Kind.HOLDS : LockHolder.Kind.QUEUED_AHEAD,
                        List.copyOf(blocked));
            }
            TemboardLocksRow l = Objects.requireNonNull(locksRow);
            Optional<String> relation =
                    l.relation().map(name -> l.schema().map(s -> s + "." + name).orElse(name));
            return new LockHolder(
                    new Blocker.OfBackend(
                            Backend.builder(l.pid()).database(l.database()).build()),
                    new LockInfo(
                            l.lockType(), l.mode(), true, relation, java.util.OptionalLong.empty(), Optional.empty()),
                    LockHolder.Kind.HOLDS,
                    List.copyOf(blocked));
        }
    }
}
