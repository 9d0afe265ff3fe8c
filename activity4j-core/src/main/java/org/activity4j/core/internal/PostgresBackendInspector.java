package org.activity4j.core.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.activity4j.core.Backend;
import org.activity4j.core.BackendInspector;
import org.activity4j.core.BackendProcess;
import org.activity4j.core.BackendUnavailableException;
import org.activity4j.core.Blocker;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockTreeNode;
import org.activity4j.core.LockWait;
import org.activity4j.core.ProcessStats;
import org.activity4j.core.ProcessStatsSource;
import org.activity4j.core.SignalResult;
import org.activity4j.core.SignalResult.Outcome;
import org.jspecify.annotations.Nullable;

/** {@link BackendInspector} over JDBC. Immutable and thread-safe (as thread-safe as its DataSource). */
public final class PostgresBackendInspector implements BackendInspector {
    /** Longest first; unknown durations last. */
    static final Comparator<Optional<Duration>> LONGEST_FIRST = (a, b) ->
            a.isPresent() && b.isPresent() ? b.get().compareTo(a.get()) : Boolean.compare(a.isEmpty(), b.isEmpty());

    private final DataSource dataSource;
    private final @Nullable ProcessStatsSource processStats;
    private final Duration statementTimeout;

    public PostgresBackendInspector(DataSource dataSource, @Nullable ProcessStatsSource processStats) {
        this(dataSource, processStats, BackendInspector.Builder.DEFAULT_STATEMENT_TIMEOUT);
    }

    /** An inspector whose calls run under {@code statementTimeout} ({@link Duration#ZERO}: the server's). */
    public PostgresBackendInspector(
            DataSource dataSource, @Nullable ProcessStatsSource processStats, Duration statementTimeout) {
        this.dataSource = dataSource;
        this.processStats = processStats;
        this.statementTimeout = statementTimeout;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection, int major) throws SQLException;
    }

    /**
     * Runs one reading call in one transaction of one connection, under the statement timeout ({@code SET
     * LOCAL}, so the pool's connection keeps its settings), then gives the connection back its autocommit
     * mode.
     */
    private <T> T withConnection(String what, Work<T> work) {
        return withConnection(what, true, work);
    }

    /**
     * As {@link #withConnection(String, Work)}; with {@code bounded} false the call runs in autocommit mode
     * instead, without the statement timeout: signals, one statement per pid whose refusal (a role's lack of
     * privilege) is a result, not the end of the call. A signal does not wait.
     */
    private <T> T withConnection(String what, boolean bounded, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit == bounded) {
                connection.setAutoCommit(!bounded);
            }
            try {
                if (!bounded) {
                    return work.run(connection, connection.getMetaData().getDatabaseMajorVersion());
                }
                Jdbc.setLocal(connection, Jdbc.timeout("statement_timeout", statementTimeout));
                T result = work.run(connection, connection.getMetaData().getDatabaseMajorVersion());
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                if (bounded) {
                    try {
                        connection.rollback();
                    } catch (SQLException r) {
                        e.addSuppressed(r);
                    }
                }
                throw e;
            } finally {
                if (autoCommit == bounded) {
                    connection.setAutoCommit(autoCommit);
                }
            }
        } catch (SQLException e) {
            String hint = Jdbc.QUERY_CANCELED.equals(e.getSQLState())
                    ? " (ran longer than the inspector's statement timeout of " + statementTimeout
                            + ", or was canceled)"
                    : "";
            throw new BackendUnavailableException("cannot " + what + ": " + e.getMessage() + hint, e);
        }
    }

    /**
     * One call's view of the server: the backends from one read of {@code pg_stat_activity} and, when asked
     * for (or when a backend is blocked by a prepared transaction), the locks on contended objects from one
     * read of {@code pg_locks} with their {@code pg_blocking_pids}, read right after in the same transaction.
     * {@code pg_stat_activity} is read once, so it is one snapshot; {@code pg_locks} is read once, so the lock
     * relations are one snapshot of the lock manager; {@link LockGraph} drops the lock rows of backends that
     * started or ended between the two reads, so that everything returned refers to listed backends.
     */
    private record Snapshot(List<Backend> backends, LockGraph locks, Listing listing) {}

    /**
     * When the server listed the backends (the first row's {@code clock_timestamp()}, at or after the read of
     * {@code pg_stat_activity}) and when it started: what a {@link ProcessStatsSource} needs to identify the
     * process of a backend whose {@code backend_start} is hidden.
     */
    private record Listing(Optional<Instant> listedAt, Optional<Instant> serverStart) {
        static final Listing NONE = new Listing(Optional.empty(), Optional.empty());
    }

    /**
     * {@code sql} prepared to be read in binary ({@link Jdbc#readInBinary}): with pgjdbc the inspector's
     * statements stay prepared on the pool's connections, and their timestamps, pids and queries come as bytes,
     * not text to parse. This halved the client CPU of reading the rows (PERFORMANCE.md, "Agent server CPU").
     */
    private static PreparedStatement prepared(Connection c, String sql) throws SQLException {
        PreparedStatement p = c.prepareStatement(sql);
        Jdbc.readInBinary(p);
        return p;
    }

    private Snapshot snapshot(Connection c, int major, String backendsSql, boolean withLocks) throws SQLException {
        Set<Integer> blockedByPrepared = new HashSet<>();
        List<Backend> backends = new ArrayList<>();
        Listing listing = Listing.NONE;
        try (PreparedStatement s = prepared(c, backendsSql);
                ResultSet rs = s.executeQuery()) {
            BackendRows.Columns columns = BackendRows.Columns.of(rs);
            while (rs.next()) {
                if (backends.isEmpty()) {
                    listing = new Listing(BackendRows.instant(rs, "now"), BackendRows.instant(rs, "server_start"));
                }
                backends.add(BackendRows.backend(rs, columns, blockedByPrepared));
            }
        }
        List<LockRow> rows = new ArrayList<>();
        if (withLocks || !blockedByPrepared.isEmpty()) {
            try (PreparedStatement s = prepared(c, BackendSql.locks(major));
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(LockRow.read(rs));
                }
            }
        }
        LockGraph graph = new LockGraph(byPid(backends), rows);
        if (!blockedByPrepared.isEmpty()) {
            backends.replaceAll(graph::withPrepared);
        }
        return new Snapshot(backends, graph, listing);
    }

    @Override
    public BackendInspector withoutProcessStats() {
        return processStats == null ? this : new PostgresBackendInspector(dataSource, null, statementTimeout);
    }

    @Override
    public List<Backend> activity() {
        Snapshot snapshot =
                withConnection("list backends", (c, major) -> snapshot(c, major, BackendSql.activity(major), false));
        return withStats(snapshot.backends(), snapshot.listing());
    }

    @Override
    public List<LockWait> waiting() {
        return withConnection("list lock waits", (c, major) -> {
            Snapshot snapshot = snapshot(c, major, BackendSql.allBackends(major), true);
            List<LockWait> waits = new ArrayList<>(snapshot.locks().waits());
            // OS figures only of the backends listed: sampling every backend would cost more.
            Map<Integer, Backend> sampled = byPid(
                    withStats(waits.stream().map(LockWait::backend).distinct().toList(), snapshot.listing()));
            waits.replaceAll(w -> new LockWait(
                    Objects.requireNonNull(sampled.get(w.backend().pid())),
                    w.lock(),
                    w.blockedBy(),
                    w.blockedByPrepared()));
            waits.sort(Comparator.comparing((LockWait w) -> w.backend().duration(), LONGEST_FIRST)
                    .thenComparingInt(w -> w.backend().pid()));
            return List.copyOf(waits);
        });
    }

    @Override
    public List<LockHolder> blocking() {
        return withConnection("list blocking backends", (c, major) -> {
            Snapshot snapshot = snapshot(c, major, BackendSql.allBackends(major), true);
            List<LockHolder> holders = new ArrayList<>(snapshot.locks().holders());
            Map<Integer, Backend> sampled = byPid(withStats(
                    holders.stream()
                            .map(LockHolder::blocker)
                            .filter(Blocker.OfBackend.class::isInstance)
                            .map(b -> ((Blocker.OfBackend) b).backend())
                            .distinct()
                            .toList(),
                    snapshot.listing()));
            holders.replaceAll(h -> h.blocker() instanceof Blocker.OfBackend b
                    ? new LockHolder(
                            new Blocker.OfBackend(
                                    sampled.getOrDefault(b.backend().pid(), b.backend())),
                            h.lock(),
                            h.kind(),
                            h.blocking())
                    : h);
            holders.sort(LockGraph.HOLDER_ORDER);
            return List.copyOf(holders);
        });
    }

    @Override
    public List<LockTreeNode> lockTree() {
        Snapshot snapshot = withConnection(
                "list blocking backends", (c, major) -> snapshot(c, major, BackendSql.allBackends(major), false));
        List<LockTreeNode> roots = LockTrees.build(snapshot.backends());
        if (processStats == null || roots.isEmpty()) {
            return roots;
        }
        List<Backend> inTrees = new ArrayList<>();
        roots.forEach(root -> collect(root, inTrees));
        Map<Integer, Backend> sampled =
                byPid(withStats(inTrees.stream().distinct().toList(), snapshot.listing()));
        return roots.stream().map(root -> withSampled(root, sampled)).toList();
    }

    private static void collect(LockTreeNode node, List<Backend> into) {
        if (node.blocker() instanceof Blocker.OfBackend b) {
            into.add(b.backend());
        }
        node.blocked().forEach(child -> collect(child, into));
    }

    private static Blocker withSampled(Blocker blocker, Map<Integer, Backend> sampled) {
        return blocker instanceof Blocker.OfBackend b
                ? new Blocker.OfBackend(sampled.getOrDefault(b.backend().pid(), b.backend()))
                : blocker;
    }

    private static LockTreeNode withSampled(LockTreeNode node, Map<Integer, Backend> sampled) {
        return new LockTreeNode(
                withSampled(node.blocker(), sampled),
                node.alsoBlockedBy().stream().map(b -> withSampled(b, sampled)).toList(),
                node.blocked().stream()
                        .map(child -> withSampled(child, sampled))
                        .toList());
    }

    @Override
    public List<SignalResult> terminate(List<Integer> pids) {
        return signal("terminate", BackendSql.TERMINATE, pids);
    }

    @Override
    public List<SignalResult> cancel(List<Integer> pids) {
        return signal("cancel", BackendSql.CANCEL, pids);
    }

    /**
     * One statement for the whole list ({@link BackendSql#signal}): each distinct pid once, in the order of
     * its first appearance.
     */
    private List<SignalResult> signal(String what, String sql, List<Integer> pids) {
        List<Integer> requested = List.copyOf(pids);
        for (int pid : requested) {
            if (pid <= 0) {
                throw new IllegalArgumentException("pid must be > 0: " + pid + " in " + requested);
            }
        }
        if (requested.isEmpty()) {
            return List.of();
        }
        Object[] distinct = new LinkedHashSet<>(requested).toArray();
        return withConnection(what + " backends", false, (c, major) -> {
            List<SignalResult> results = new ArrayList<>(distinct.length);
            try (PreparedStatement s = c.prepareStatement(sql)) {
                Array array = c.createArrayOf("int4", distinct);
                try {
                    s.setArray(1, array);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            results.add(result(what, rs));
                        }
                    }
                } finally {
                    array.free();
                }
            }
            if (results.size() != distinct.length) {
                throw new SQLException("the server answered " + results.size() + " of " + distinct.length + " pids");
            }
            return List.copyOf(results);
        });
    }

    private static SignalResult result(String what, ResultSet rs) throws SQLException {
        int pid = rs.getInt("pid");
        String refused = rs.getString("refused");
        if (refused == null) {
            return SignalResult.of(pid, rs.getBoolean("signalled") ? Outcome.SIGNALLED : Outcome.NOT_A_BACKEND);
        }
        return switch (refused) {
            case "own" -> SignalResult.of(pid, Outcome.OWN_CONNECTION);
            case "none" -> SignalResult.of(pid, Outcome.NOT_A_BACKEND);
            case "superuser" ->
                new SignalResult(
                        pid,
                        Outcome.INSUFFICIENT_PRIVILEGE,
                        Optional.of("permission denied to " + what + " backend " + pid
                                + ": only superusers may signal a superuser's backend or a process without a role"));
            default ->
                new SignalResult(
                        pid,
                        Outcome.INSUFFICIENT_PRIVILEGE,
                        Optional.of("permission denied to " + what + " backend " + pid
                                + ": requires the privileges of its role or of pg_signal_backend"));
        };
    }

    private List<Backend> withStats(List<Backend> backends, Listing listing) {
        ProcessStatsSource source = processStats;
        if (source == null || backends.isEmpty()) {
            return List.copyOf(backends);
        }
        List<BackendProcess> processes = new ArrayList<>(backends.size());
        // A backend whose start the server hides is identified by the source from the server's start and the
        // listing time (see BackendProcess); its backendStart stays empty.
        backends.forEach(b -> processes.add(
                new BackendProcess(b.pid(), b.backendStart(), listing.serverStart(), listing.listedAt())));
        Map<Integer, ProcessStats> stats = source.sample(processes);
        List<Backend> result = new ArrayList<>(backends.size());
        for (Backend b : backends) {
            ProcessStats s = stats.get(b.pid());
            result.add(s == null ? b : b.withProcessStats(s));
        }
        return List.copyOf(result);
    }

    private static Map<Integer, Backend> byPid(List<Backend> backends) {
        Map<Integer, Backend> map = new HashMap<>();
        backends.forEach(b -> map.put(b.pid(), b));
        return map;
    }
}
