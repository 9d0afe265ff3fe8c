package org.activity4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.activity4j.core.Backend;
import org.activity4j.core.BackendInspector;
import org.activity4j.core.Blocker;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockInfo;
import org.activity4j.core.LockTreeNode;
import org.activity4j.core.LockWait;
import org.activity4j.core.PreparedTransaction;
import org.activity4j.core.SignalResult;
import org.activity4j.core.SignalResult.Outcome;

/**
 * The behaviour every {@link BackendInspector} shares, on every PostgreSQL major of the test matrix, with
 * real sessions. An implementation's test extends this class and says how to build its inspector over a
 * database.
 *
 * <pre>{@code
 * class PostgresBackendInspectorIT extends BackendInspectorContract {
 *     @Override
 *     protected BackendInspector inspector(DataSource dataSource) {
 *         return BackendInspector.postgres(dataSource);
 *     }
 * }
 * }</pre>
 */
public abstract class BackendInspectorContract {
    /** A pid no backend has: above the Linux default pid_max of 4194304. */
    private static final int NO_SUCH_PID = 4_194_305;

    /** The inspector under test, connected to the database behind {@code dataSource} as its role. */
    protected abstract BackendInspector inspector(DataSource dataSource);

    private BackendInspector inspector(TestDatabase db) {
        return inspector(db.dataSource());
    }

    private static void createTable(TestDatabase db) {
        db.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL);"
                + " INSERT INTO accounts VALUES (1, 100), (2, 200)");
    }

    private static Backend backend(List<Backend> backends, int pid) {
        return backends.stream()
                .filter(b -> b.pid() == pid)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no backend " + pid + " in " + backends));
    }

    private static LockWait waitOf(List<LockWait> waits, int pid) {
        return waits.stream()
                .filter(w -> w.backend().pid() == pid)
                .findFirst()
                .orElseThrow(() -> new AssertionError("backend " + pid + " is not waiting in " + waits));
    }

    private static List<LockHolder> holdersOf(List<LockHolder> holders, int pid) {
        return holders.stream()
                .filter(h -> h.blocker().pid().equals(OptionalInt.of(pid)))
                .toList();
    }

    private static int pidOf(LockTreeNode node) {
        return node.blocker().pid().orElse(-1);
    }

    /** Every node of the forest, depth first. */
    private static List<LockTreeNode> nodes(List<LockTreeNode> roots) {
        List<LockTreeNode> all = new ArrayList<>();
        roots.forEach(r -> collect(r, all));
        return all;
    }

    private static void collect(LockTreeNode node, List<LockTreeNode> into) {
        into.add(node);
        node.blocked().forEach(c -> collect(c, into));
    }

    private static LockTreeNode nodeOf(List<LockTreeNode> roots, int pid) {
        return nodes(roots).stream()
                .filter(n -> pidOf(n) == pid)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no node " + pid + " in " + roots));
    }

    /** Whether {@code pg_locks} has {@code lock} (its mode, on its object) granted to prepared transaction gid. */
    private static boolean serverPreparedLock(TestDatabase db, String gid, LockInfo lock) {
        String object = "l.locktype || coalesce(';database=' || l.database, '')"
                + " || coalesce(';relation=' || l.relation, '') || coalesce(';page=' || l.page, '')"
                + " || coalesce(';tuple=' || l.tuple, '') || coalesce(';virtualxid=' || l.virtualxid, '')"
                + " || coalesce(';transactionid=' || l.transactionid, '') || coalesce(';classid=' || l.classid, '')"
                + " || coalesce(';objid=' || l.objid, '') || coalesce(';objsubid=' || l.objsubid, '')";
        return !db.queryInts(
                        "SELECT 1 FROM pg_prepared_xacts p JOIN pg_locks x ON x.locktype = 'transactionid'"
                                + " AND x.pid IS NULL AND x.transactionid = p.transaction"
                                + " JOIN pg_locks l ON l.pid IS NULL AND l.virtualtransaction = x.virtualtransaction"
                                + " WHERE p.gid = ? AND l.granted AND l.mode = ? AND " + object + " = ?",
                        gid,
                        lock.mode(),
                        lock.object().toString())
                .isEmpty();
    }

    /** The server's own answer: {@code pg_blocking_pids(pid)}, as it gives it (duplicates and 0s kept). */
    private static List<Integer> serverBlockers(TestDatabase db, int pid) {
        return db.queryInts("SELECT unnest(pg_blocking_pids(?))", pid);
    }

    @PostgresMatrixTest
    void listsNeverQueriedSessionWithoutDuration(TestDatabase db) {
        TestSession fresh = db.openSession();

        Backend row = backend(inspector(db).activity(), fresh.pid());

        assertThat(row.query()).isEmpty();
        assertThat(row.queryStart()).isEmpty();
        assertThat(row.duration()).isEmpty();
        assertThat(row.backendStart()).isPresent();
        assertThat(row.database()).contains(db.name());
        assertThat(row.backendType()).contains("client backend");
    }

    @PostgresMatrixTest
    void listsLongestRunningFirstAndNeverQueriedLast(TestDatabase db) {
        TestSession first = db.openSession();
        first.execute("SELECT 1");
        TestSession second = db.openSession();
        second.execute("SELECT 2");
        TestSession fresh = db.openSession();

        List<Integer> pids = inspector(db).activity().stream()
                .map(Backend::pid)
                .filter(p -> p == first.pid() || p == second.pid() || p == fresh.pid())
                .toList();

        assertThat(pids).containsExactly(first.pid(), second.pid(), fresh.pid());
    }

    @PostgresMatrixTest
    void showsQueryIdFrom14WhenComputed(TestDatabase db) {
        TestSession session = db.openSession();
        if (db.server().major() >= 14) {
            session.execute("SET compute_query_id = on");
        }
        session.execute("SELECT 1");

        Backend row = backend(inspector(db).activity(), session.pid());

        assertThat(row.queryId().isPresent()).isEqualTo(db.server().major() >= 14);
    }

    @PostgresMatrixTest
    void showsClientAddressStateAndTimes(TestDatabase db) {
        TestSession session = db.openSession();
        session.execute("BEGIN; SELECT 1");

        Backend row = backend(inspector(db).activity(), session.pid());

        assertThat(row.clientAddress()).hasValueSatisfying(a -> assertThat(a).isIn("127.0.0.1", "::1"));
        assertThat(row.state()).contains("idle in transaction");
        assertThat(row.waitingOnLock()).isFalse();
        assertThat(row.blockedBy()).isEmpty();
        assertThat(row.transactionStart()).isPresent();
        assertThat(row.stateChange()).isPresent();
        assertThat(row.queryStart())
                .hasValueSatisfying(
                        q -> assertThat(q).isAfterOrEqualTo(row.backendStart().orElseThrow()));
        assertThat(row.duration()).hasValueSatisfying(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ZERO));
        assertThat(row.user()).isPresent();
        assertThat(row.applicationName()).contains("activity4j-testkit");
    }

    @PostgresMatrixTest
    void neverListsItsOwnConnection(TestDatabase db) {
        List<Backend> rows = inspector(db).activity();

        assertThat(rows).noneMatch(b -> b.query().contains("pg_stat_activity a"));
    }

    @PostgresMatrixTest
    void rowLockHolderIdleInTransactionBlocksWaiter(TestDatabase db) {
        createTable(db);
        TestSession holder = db.openSession();
        holder.execute("BEGIN; SELECT * FROM accounts WHERE id = 1 FOR UPDATE");
        TestSession waiter = db.openSession();
        waiter.start("UPDATE accounts SET balance = 0 WHERE id = 1");
        db.awaitWaitingOnLock(waiter.pid());
        BackendInspector inspector = inspector(db);

        List<Backend> activity = inspector.activity();
        assertThat(backend(activity, holder.pid()).state()).contains("idle in transaction");
        assertThat(backend(activity, waiter.pid()).waitingOnLock()).isTrue();
        assertThat(backend(activity, waiter.pid()).blockedBy()).containsExactly(holder.pid());

        LockWait wait = waitOf(inspector.waiting(), waiter.pid());
        assertThat(wait.lock().type()).isEqualTo("transactionid");
        assertThat(wait.lock().mode()).isEqualTo("ShareLock");
        assertThat(wait.lock().granted()).isFalse();
        assertThat(wait.blockedBy()).containsExactly(holder.pid());

        List<LockHolder> held = holdersOf(inspector.blocking(), holder.pid());
        assertThat(held).singleElement().satisfies(h -> {
            assertThat(h.lock().type()).isEqualTo("transactionid");
            assertThat(h.lock().mode()).isEqualTo("ExclusiveLock");
            assertThat(h.lock().granted()).isTrue();
            assertThat(h.blocking()).containsExactly(waiter.pid());
        });
        assertThat(holdersOf(inspector.blocking(), waiter.pid())).isEmpty();
    }

    @PostgresMatrixTest
    void tableLockBlocksTwoWaiters(TestDatabase db) {
        createTable(db);
        TestSession holder = db.openSession();
        holder.execute("BEGIN; LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
        TestSession first = db.openSession();
        first.start("SELECT count(*) FROM accounts");
        db.awaitWaitingOnLock(first.pid());
        TestSession second = db.openSession();
        second.start("SELECT count(*) FROM accounts");
        db.awaitWaitingOnLock(second.pid());
        BackendInspector inspector = inspector(db);

        List<LockWait> waits = inspector.waiting();
        for (TestSession waiter : List.of(first, second)) {
            LockWait wait = waitOf(waits, waiter.pid());
            assertThat(wait.lock().type()).isEqualTo("relation");
            assertThat(wait.lock().mode()).isEqualTo("AccessShareLock");
            assertThat(wait.lock().relation()).contains("accounts");
            assertThat(wait.lock().relationOid()).isPresent();
            assertThat(wait.lock().waitStart().isPresent())
                    .isEqualTo(db.server().major() >= 14);
            assertThat(wait.blockedBy()).containsExactly(holder.pid());
        }
        assertThat(holdersOf(inspector.blocking(), holder.pid()))
                .singleElement()
                .satisfies(h -> {
                    assertThat(h.lock().type()).isEqualTo("relation");
                    assertThat(h.lock().mode()).isEqualTo("AccessExclusiveLock");
                    assertThat(h.lock().relation()).contains("accounts");
                    assertThat(h.blocking()).containsExactlyInAnyOrder(first.pid(), second.pid());
                });
    }

    @PostgresMatrixTest
    void tableLockTreeHasBothWaitersUnderTheHolder(TestDatabase db) {
        createTable(db);
        TestSession holder = db.openSession();
        holder.execute("BEGIN; LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
        TestSession first = db.openSession();
        first.start("SELECT count(*) FROM accounts");
        db.awaitWaitingOnLock(first.pid());
        TestSession second = db.openSession();
        second.start("SELECT count(*) FROM accounts");
        db.awaitWaitingOnLock(second.pid());

        List<LockTreeNode> roots = inspector(db).lockTree().stream()
                .filter(n -> pidOf(n) == holder.pid())
                .toList();

        assertThat(roots)
                .singleElement()
                .satisfies(root -> assertThat(root.blocked())
                        .extracting(BackendInspectorContract::pidOf)
                        .containsExactly(Math.min(first.pid(), second.pid()), Math.max(first.pid(), second.pid())));
    }

    @PostgresMatrixTest
    void waiterQueuedAheadBlocksLaterWaiterWithoutHoldingTheLock(TestDatabase db) {
        createTable(db);
        TestSession reader = db.openSession();
        reader.execute("BEGIN; SELECT count(*) FROM accounts");
        TestSession locker = db.openSession();
        locker.start("BEGIN; LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
        db.awaitWaitingOnLock(locker.pid());
        TestSession lateReader = db.openSession();
        lateReader.start("SELECT count(*) FROM accounts");
        db.awaitWaitingOnLock(lateReader.pid());
        BackendInspector inspector = inspector(db);

        assertThat(waitOf(inspector.waiting(), lateReader.pid()).blockedBy()).containsExactly(locker.pid());
        List<LockHolder> holders = inspector.blocking();
        assertThat(holdersOf(holders, reader.pid())).singleElement().satisfies(h -> {
            assertThat(h.kind()).isEqualTo(LockHolder.Kind.HOLDS);
            assertThat(h.lock().mode()).isEqualTo("AccessShareLock");
            assertThat(h.lock().granted()).isTrue();
            assertThat(h.blocking()).containsExactly(locker.pid());
        });
        assertThat(holdersOf(holders, locker.pid())).singleElement().satisfies(h -> {
            assertThat(h.kind()).isEqualTo(LockHolder.Kind.QUEUED_AHEAD);
            assertThat(h.lock().mode()).isEqualTo("AccessExclusiveLock");
            assertThat(h.lock().granted()).isFalse();
            assertThat(h.blocking()).containsExactly(lateReader.pid());
        });
    }

    @PostgresMatrixTest
    void relationInAnotherSchemaIsQualified(TestDatabase db) {
        db.execute("CREATE SCHEMA ledger; CREATE TABLE ledger.entries (id int)");
        TestSession holder = db.openSession();
        holder.execute("BEGIN; LOCK TABLE ledger.entries");
        TestSession waiter = db.openSession();
        waiter.start("SELECT * FROM ledger.entries");
        db.awaitWaitingOnLock(waiter.pid());

        LockWait wait = waitOf(inspector(db).waiting(), waiter.pid());

        assertThat(wait.lock().relation()).contains("ledger.entries");
    }

    @PostgresMatrixTest
    void advisoryLockBlocksWaiter(TestDatabase db) {
        TestSession holder = db.openSession();
        holder.execute("SELECT pg_advisory_lock(42)");
        TestSession waiter = db.openSession();
        waiter.start("SELECT pg_advisory_lock(42)");
        db.awaitWaitingOnLock(waiter.pid());
        BackendInspector inspector = inspector(db);

        LockWait wait = waitOf(inspector.waiting(), waiter.pid());
        assertThat(wait.lock().type()).isEqualTo("advisory");
        assertThat(wait.lock().relation()).isEmpty();
        assertThat(wait.blockedBy()).containsExactly(holder.pid());
        assertThat(holdersOf(inspector.blocking(), holder.pid()))
                .singleElement()
                .satisfies(h -> {
                    assertThat(h.lock().type()).isEqualTo("advisory");
                    assertThat(h.lock().granted()).isTrue();
                    assertThat(h.blocking()).containsExactly(waiter.pid());
                });
    }

    @PostgresMatrixTest
    void chainShowsAsOneTreeFromItsRoot(TestDatabase db) {
        createTable(db);
        TestSession a = db.openSession();
        a.execute("BEGIN; UPDATE accounts SET balance = 1 WHERE id = 1");
        TestSession b = db.openSession();
        b.execute("BEGIN; UPDATE accounts SET balance = 2 WHERE id = 2");
        b.start("UPDATE accounts SET balance = 2 WHERE id = 1");
        db.awaitWaitingOnLock(b.pid());
        TestSession c = db.openSession();
        c.start("UPDATE accounts SET balance = 3 WHERE id = 2");
        db.awaitWaitingOnLock(c.pid());
        BackendInspector inspector = inspector(db);

        List<LockTreeNode> roots =
                inspector.lockTree().stream().filter(n -> pidOf(n) == a.pid()).toList();
        assertThat(roots).singleElement().satisfies(root -> {
            assertThat(root.blockedCount()).isEqualTo(2);
            assertThat(root.blocked()).singleElement().satisfies(nodeB -> {
                assertThat(pidOf(nodeB)).isEqualTo(b.pid());
                assertThat(nodeB.blocked()).singleElement().satisfies(nodeC -> {
                    assertThat(pidOf(nodeC)).isEqualTo(c.pid());
                    assertThat(nodeC.blocked()).isEmpty();
                });
            });
        });
        assertThat(inspector.lockTree()).noneMatch(n -> pidOf(n) == b.pid());
        List<LockHolder> holders = inspector.blocking();
        assertThat(holdersOf(holders, a.pid()))
                .singleElement()
                .satisfies(h -> assertThat(h.blocking()).containsExactly(b.pid()));
        assertThat(holdersOf(holders, b.pid()))
                .singleElement()
                .satisfies(h -> assertThat(h.blocking()).containsExactly(c.pid()));
    }

    @PostgresMatrixTest
    void createIndexConcurrentlyWaitsOnOldTransaction(TestDatabase db) {
        createTable(db);
        TestSession old = db.openSession();
        old.execute("BEGIN ISOLATION LEVEL REPEATABLE READ; SELECT count(*) FROM pg_class");
        TestSession indexer = db.openSession();
        indexer.start("CREATE INDEX CONCURRENTLY accounts_balance ON accounts (balance)");
        db.awaitWaitingOnLock(indexer.pid());
        BackendInspector inspector = inspector(db);

        LockWait wait = waitOf(inspector.waiting(), indexer.pid());
        assertThat(wait.lock().type()).isEqualTo("virtualxid");
        assertThat(wait.blockedBy()).containsExactly(old.pid());
        assertThat(holdersOf(inspector.blocking(), old.pid())).singleElement().satisfies(h -> {
            assertThat(h.lock().type()).isEqualTo("virtualxid");
            assertThat(h.lock().mode()).isEqualTo("ExclusiveLock");
            assertThat(h.blocking()).containsExactly(indexer.pid());
        });
    }

    @PostgresMatrixTest
    void parallelWorkersShowTheirLeader(TestDatabase db) {
        db.execute("CREATE TABLE numbers AS SELECT g AS n FROM generate_series(1, 2000) g;"
                + " CREATE FUNCTION slow(int) RETURNS boolean LANGUAGE plpgsql PARALLEL SAFE"
                + " AS $$ BEGIN PERFORM pg_sleep(0.01); RETURN true; END $$");
        TestSession leader = db.openSession();
        leader.execute("SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0;"
                + " SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0");
        leader.start("SELECT count(*) FROM numbers WHERE slow(n)");
        db.awaitTrue("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE backend_type = 'parallel worker'"
                + " AND datname = current_database())");

        List<Backend> workers = inspector(db).activity().stream()
                .filter(b -> b.backendType().equals(Optional.of("parallel worker")))
                .filter(b -> b.database().equals(Optional.of(db.name())))
                .toList();

        assertThat(workers).isNotEmpty();
        if (db.server().major() >= 13) {
            assertThat(workers).allSatisfy(w -> assertThat(w.leaderPid()).hasValue(leader.pid()));
        } else {
            assertThat(workers).allSatisfy(w -> assertThat(w.leaderPid()).isEmpty());
        }
    }

    @PostgresMatrixTest
    void terminateReportsEachPidInRequestOrder(TestDatabase db) {
        TestSession victim = db.openSession();
        victim.execute("SELECT 1");

        List<SignalResult> results = inspector(db).terminate(List.of(NO_SUCH_PID, victim.pid()));

        assertThat(results).extracting(SignalResult::pid).containsExactly(NO_SUCH_PID, victim.pid());
        assertThat(results).extracting(SignalResult::outcome).containsExactly(Outcome.NOT_A_BACKEND, Outcome.SIGNALLED);
        db.awaitTrue("SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = ?)", victim.pid());
    }

    @PostgresMatrixTest
    void signalAnswersEachPidOnceInTheOrderOfItsFirstAppearance(TestDatabase db) {
        TestSession a = db.openSession();
        a.execute("SELECT 1");
        TestSession b = db.openSession();
        b.execute("SELECT 1");

        List<SignalResult> results =
                inspector(db).cancel(List.of(b.pid(), NO_SUCH_PID, b.pid(), a.pid(), NO_SUCH_PID, a.pid()));

        assertThat(results).extracting(SignalResult::pid).containsExactly(b.pid(), NO_SUCH_PID, a.pid());
        assertThat(results)
                .extracting(SignalResult::outcome)
                .containsExactly(Outcome.SIGNALLED, Outcome.NOT_A_BACKEND, Outcome.SIGNALLED);
        a.execute("SELECT 1");
        b.execute("SELECT 1");
    }

    @PostgresMatrixTest
    void pgSignalBackendMemberMayTerminateAnotherRolesBackendButNotASuperusers(TestDatabase db) {
        TestRole signaller = db.createRole("pg_signal_backend");
        TestRole other = db.createRole();
        TestSession othersSession = db.openSession(other);
        othersSession.execute("SELECT 1");
        TestSession superuserSession = db.openSession();
        superuserSession.execute("SELECT 1");

        List<SignalResult> results =
                inspector(db.dataSource(signaller)).terminate(List.of(othersSession.pid(), superuserSession.pid()));

        assertThat(results)
                .extracting(SignalResult::outcome)
                .containsExactly(Outcome.SIGNALLED, Outcome.INSUFFICIENT_PRIVILEGE);
        assertThat(results.get(1).message())
                .hasValueSatisfying(m -> assertThat(m).contains("superuser"));
        db.awaitTrue("SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = ?)", othersSession.pid());
        superuserSession.execute("SELECT 1");
    }

    @PostgresMatrixTest
    void plainRoleCannotTerminateAnotherPlainRolesBackend(TestDatabase db) {
        TestRole plain = db.createRole();
        TestRole other = db.createRole();
        TestSession othersSession = db.openSession(other);
        othersSession.execute("SELECT 1");

        List<SignalResult> results = inspector(db.dataSource(plain)).terminate(List.of(othersSession.pid()));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.INSUFFICIENT_PRIVILEGE);
            assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).contains("pg_signal_backend"));
        });
        othersSession.execute("SELECT 1");
    }

    @PostgresMatrixTest
    void cancelStopsTheRunningQueryOnly(TestDatabase db) throws InterruptedException {
        TestSession sleeper = db.openSession();
        CompletableFuture<Void> sleep = sleeper.start("SELECT pg_sleep(60)");
        db.awaitTrue(
                "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = ? AND query LIKE 'SELECT pg_sleep%'"
                        + " AND state = 'active')",
                sleeper.pid());

        List<SignalResult> results = inspector(db).cancel(List.of(sleeper.pid()));

        assertThat(results)
                .singleElement()
                .satisfies(r -> assertThat(r.signalled()).isTrue());
        assertThatThrownBy(() -> sleep.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseInstanceOf(SQLException.class)
                .rootCause()
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
        sleeper.execute("SELECT 1");
    }

    @PostgresMatrixTest
    void plainRoleCannotTerminateSuperuserBackendButOthersProceed(TestDatabase db) {
        TestRole plain = db.createRole();
        TestSession superuserSession = db.openSession();
        TestSession ownSession = db.openSession(plain);

        List<SignalResult> results = inspector(db.dataSource(plain))
                .terminate(List.of(superuserSession.pid(), NO_SUCH_PID, ownSession.pid()));

        assertThat(results)
                .extracting(SignalResult::outcome)
                .containsExactly(Outcome.INSUFFICIENT_PRIVILEGE, Outcome.NOT_A_BACKEND, Outcome.SIGNALLED);
        assertThat(results.get(0).message()).isPresent();
        superuserSession.execute("SELECT 1");
    }

    @PostgresMatrixTest
    void invalidPidIsRejectedBeforeAnySignal(TestDatabase db) {
        TestSession session = db.openSession();
        BackendInspector inspector = inspector(db);

        assertThatThrownBy(() -> inspector.terminate(List.of(session.pid(), 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
        session.execute("SELECT 1");
    }

    @PostgresMatrixTest
    void pgMonitorMemberSeesOtherRolesQueriesAndPlainRoleDoesNot(TestDatabase db) {
        TestSession superuserSession = db.openSession();
        superuserSession.execute("SELECT 4242");
        TestRole monitor = db.createRole("pg_monitor");
        TestRole plain = db.createRole();

        Backend seenByMonitor = backend(inspector(db.dataSource(monitor)).activity(), superuserSession.pid());
        Backend seenByPlain = backend(inspector(db.dataSource(plain)).activity(), superuserSession.pid());

        assertThat(seenByMonitor.query()).isEqualTo("SELECT 4242");
        assertThat(seenByMonitor.state()).contains("idle");
        assertThat(seenByPlain.query()).isEqualTo("<insufficient privilege>");
        assertThat(seenByPlain.state()).isEmpty();
        assertThat(seenByPlain.backendType()).isEmpty();
    }

    @PostgresMatrixTest
    void hiddenTimesAreEmptyNotMadeUp(TestDatabase db) {
        TestSession superuserSession = db.openSession();
        superuserSession.execute("BEGIN; SELECT 4243");
        TestRole plain = db.createRole();

        Backend seenByPlain = backend(inspector(db.dataSource(plain)).activity(), superuserSession.pid());
        Backend seenBySuperuser = backend(inspector(db).activity(), superuserSession.pid());

        assertThat(seenBySuperuser.backendStart()).isPresent();
        assertThat(seenBySuperuser.queryStart()).isPresent();
        assertThat(seenBySuperuser.duration()).isPresent();
        assertThat(seenByPlain.backendStart()).isEmpty();
        assertThat(seenByPlain.queryStart()).isEmpty();
        assertThat(seenByPlain.transactionStart()).isEmpty();
        assertThat(seenByPlain.stateChange()).isEmpty();
        assertThat(seenByPlain.duration()).isEmpty();
        assertThat(seenByPlain.applicationName()).contains("activity4j-testkit");
    }

    // ---- issue 13: the hard cases, each checked against what the server itself says ----

    @PostgresMatrixTest
    void heldLockThatConflictsWithNothingIsNotBlockingButTheQueuedRequestIs(TestDatabase db) {
        createTable(db);
        TestSession reader = db.openSession();
        reader.execute("BEGIN; SELECT count(*) FROM accounts");
        TestSession upgrader = db.openSession();
        upgrader.execute("BEGIN; SELECT count(*) FROM accounts");
        upgrader.start("LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE"); // in the open transaction
        db.awaitWaitingOnLock(upgrader.pid());
        TestSession late = db.openSession();
        late.start("SELECT count(*) FROM accounts");
        db.awaitWaitingOnLock(late.pid());
        assertThat(serverBlockers(db, late.pid())).containsExactly(upgrader.pid());

        List<LockHolder> byUpgrader = holdersOf(inspector(db).blocking(), upgrader.pid());

        assertThat(byUpgrader).singleElement().satisfies(h -> {
            assertThat(h.kind()).isEqualTo(LockHolder.Kind.QUEUED_AHEAD);
            assertThat(h.lock().mode()).isEqualTo("AccessExclusiveLock");
            assertThat(h.lock().granted()).isFalse();
            assertThat(h.blocking()).containsExactly(late.pid());
        });
    }

    @PostgresMatrixTest
    void oneHolderOfTwoObjectsHasOneHoldingPerObject(TestDatabase db) {
        TestSession holder = db.openSession();
        holder.execute("SELECT pg_advisory_lock(401), pg_advisory_lock(402)");
        TestSession first = db.openSession();
        first.start("SELECT pg_advisory_lock(401)");
        db.awaitWaitingOnLock(first.pid());
        TestSession second = db.openSession();
        second.start("SELECT pg_advisory_lock(402)");
        db.awaitWaitingOnLock(second.pid());
        assertThat(db.queryInts("SELECT objid::int FROM pg_locks WHERE pid = ? AND NOT granted", first.pid()))
                .containsExactly(401);

        List<LockHolder> held = holdersOf(inspector(db).blocking(), holder.pid());

        assertThat(held).hasSize(2);
        assertThat(held)
                .extracting(h -> h.lock().object().advisoryKey().orElseThrow(), LockHolder::blocking)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(401L, List.of(first.pid())),
                        org.assertj.core.groups.Tuple.tuple(402L, List.of(second.pid())));
        assertThat(held.get(0).lock().object()).isNotEqualTo(held.get(1).lock().object());
    }

    @PostgresMatrixTest
    void preparedTransactionIsReportedAsSuchNeverAsPidZero(TestDatabase db) {
        assumeTrue(
                db.queryInts("SELECT current_setting('max_prepared_transactions')::int")
                                .get(0)
                        > 0,
                "the server needs max_prepared_transactions > 0");
        createTable(db);
        String gid = "a4j-" + db.name();
        TestSession preparer = db.openSession();
        preparer.execute("BEGIN; UPDATE accounts SET balance = 1 WHERE id = 1; PREPARE TRANSACTION '" + gid + "'");
        try {
            TestSession waiter = db.openSession();
            waiter.start("UPDATE accounts SET balance = 2 WHERE id = 1");
            db.awaitWaitingOnLock(waiter.pid());
            TestSession second = db.openSession();
            second.start("UPDATE accounts SET balance = 3 WHERE id = 1");
            db.awaitWaitingOnLock(second.pid());
            assertThat(serverBlockers(db, waiter.pid())).containsExactly(0);
            BackendInspector inspector = inspector(db);

            Backend row = backend(inspector.activity(), waiter.pid());
            assertThat(row.blockedBy()).isEmpty();
            assertThat(row.blockedByPrepared()).singleElement().satisfies(p -> {
                assertThat(p.gid()).isEqualTo(gid);
                assertThat(p.database()).contains(db.name());
                assertThat(p.owner()).isPresent();
                assertThat(p.prepared()).isPresent();
            });
            LockWait wait = waitOf(inspector.waiting(), waiter.pid());
            assertThat(wait.blockedBy()).isEmpty();
            assertThat(wait.blockedByPrepared()).extracting(p -> p.gid()).containsExactly(gid);
            assertThat(inspector.blocking())
                    .filteredOn(h -> h.blocker() instanceof Blocker.OfPreparedTransaction)
                    .singleElement()
                    .satisfies(h -> {
                        assertThat(h.blocker().id()).isEqualTo("gid:" + gid);
                        assertThat(h.kind()).isEqualTo(LockHolder.Kind.HOLDS);
                        assertThat(h.blocking()).containsExactly(waiter.pid());
                        PreparedTransaction p = ((Blocker.OfPreparedTransaction) h.blocker()).transaction();
                        assertThat(p.gid()).isEqualTo(gid);
                        assertThat(p.database()).contains(db.name());
                        assertThat(p.owner()).isPresent();
                        assertThat(p.prepared()).isPresent();
                        assertThat(p.transactionId()).isPositive();
                        assertThat(h.lock().granted()).isTrue();
                        assertThat(h.lock().object().type()).isEqualTo(h.lock().type());
                        assertThat(serverPreparedLock(db, gid, h.lock()))
                                .as(
                                        "pg_locks: %s holds %s on %s",
                                        gid, h.lock().mode(), h.lock().object())
                                .isTrue();
                        assertThat(h)
                                .as("as the PostgreSQL inspector lists it")
                                .isIn(BackendInspector.postgres(db.dataSource()).blocking());
                    });
            List<LockTreeNode> roots = inspector.lockTree();
            LockTreeNode root = roots.stream()
                    .filter(n -> n.blocker().id().equals("gid:" + gid))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no prepared root in " + roots));
            assertThat(root.blocker().kind()).isEqualTo("prepared transaction");
            assertThat(root.blocked())
                    .extracting(BackendInspectorContract::pidOf)
                    .containsExactly(waiter.pid());
            assertThat(root.blocked().get(0).blocked())
                    .extracting(BackendInspectorContract::pidOf)
                    .containsExactly(second.pid());
        } finally {
            db.execute("ROLLBACK PREPARED '" + gid + "'");
        }
    }

    @PostgresMatrixTest
    void parallelGroupBlocksOnceAndEachBackendIsInTheTreeOnce(TestDatabase db) {
        db.execute("CREATE TABLE numbers AS SELECT g AS n FROM generate_series(1, 6000) g;"
                + " CREATE FUNCTION slow(int) RETURNS boolean LANGUAGE plpgsql PARALLEL SAFE"
                + " AS $$ BEGIN PERFORM pg_sleep(0.01); RETURN true; END $$");
        TestSession leader = db.openSession();
        leader.execute("SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0;"
                + " SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0");
        leader.start("SELECT count(*) FROM numbers WHERE slow(n)");
        db.awaitTrue("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE backend_type = 'parallel worker'"
                + " AND datname = current_database())");
        TestSession locker = db.openSession();
        locker.start("BEGIN; LOCK TABLE numbers IN ACCESS EXCLUSIVE MODE");
        db.awaitWaitingOnLock(locker.pid());
        List<Integer> server = serverBlockers(db, locker.pid());
        assertThat(server).isNotEmpty().containsOnly(leader.pid());
        BackendInspector inspector = inspector(db);

        assertThat(backend(inspector.activity(), locker.pid()).blockedBy()).containsExactly(leader.pid());
        assertThat(waitOf(inspector.waiting(), locker.pid()).blockedBy()).containsExactly(leader.pid());
        assertThat(inspector.blocking())
                .filteredOn(h -> h.blocking().contains(locker.pid()))
                .singleElement()
                .satisfies(h -> {
                    assertThat(h.blocker().pid()).hasValue(leader.pid());
                    assertThat(h.kind()).isEqualTo(LockHolder.Kind.HOLDS);
                });
        List<LockTreeNode> all = nodes(inspector.lockTree());
        assertThat(all).filteredOn(n -> pidOf(n) == locker.pid()).hasSize(1);
        assertThat(all).extracting(n -> n.blocker().id()).doesNotHaveDuplicates();
    }

    @PostgresMatrixTest
    void backendBlockedByAChainIsInTheTreeOnceUnderTheDeepestBlocker(TestDatabase db) {
        createTable(db);
        TestSession rowHolder = db.openSession();
        rowHolder.execute("BEGIN; UPDATE accounts SET balance = 1 WHERE id = 1");
        TestSession updater = db.openSession();
        updater.execute("BEGIN; SELECT 1");
        updater.start("UPDATE accounts SET balance = 2 WHERE id = 1");
        db.awaitWaitingOnLock(updater.pid());
        TestSession locker = db.openSession();
        locker.start("BEGIN; LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
        db.awaitWaitingOnLock(locker.pid());
        assertThat(serverBlockers(db, locker.pid())).contains(rowHolder.pid(), updater.pid());

        List<LockTreeNode> roots = inspector(db).lockTree();

        List<LockTreeNode> all = nodes(roots);
        assertThat(all).extracting(n -> n.blocker().id()).doesNotHaveDuplicates();
        LockTreeNode root = nodeOf(roots, rowHolder.pid());
        assertThat(roots).contains(root);
        assertThat(root.blocked()).extracting(BackendInspectorContract::pidOf).containsExactly(updater.pid());
        LockTreeNode lockerNode = root.blocked().get(0).blocked().get(0);
        assertThat(pidOf(lockerNode)).isEqualTo(locker.pid());
        assertThat(lockerNode.alsoBlockedBy()).extracting(Blocker::id).containsExactly("pid:" + rowHolder.pid());
        assertThat(root.blocker().kind()).isEqualTo("client backend");
    }

    @PostgresMatrixTest
    void hiddenWaitIsTakenFromPgLocksNotAssumed(TestDatabase db) {
        createTable(db);
        TestSession holder = db.openSession();
        holder.execute("BEGIN; LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
        TestSession waiter = db.openSession();
        waiter.start("SELECT count(*) FROM accounts");
        db.awaitWaitingOnLock(waiter.pid());
        TestRole plain = db.createRole();
        assertThat(db.queryInts("SELECT count(*)::int FROM pg_locks WHERE pid = ? AND NOT granted", waiter.pid()))
                .containsExactly(1);

        Backend seenByPlain = backend(inspector(db.dataSource(plain)).activity(), waiter.pid());

        assertThat(seenByPlain.waitEventType()).isEmpty();
        assertThat(seenByPlain.waitingOnLock()).isTrue();
        assertThat(seenByPlain.blockedBy()).containsExactly(holder.pid());
        assertThat(seenByPlain.backendStart()).isEmpty();
    }

    @PostgresMatrixTest
    void textThatIsNotUtf8NeverFailsTheCall(TestDatabase db) {
        try (TestDatabase ascii = db.server().createDatabase("SQL_ASCII")) {
            TestSession session = ascii.openSession();
            // track_activity_query_size is 1024: the server keeps 1023 bytes, cutting the é in two.
            session.execute("SELECT '" + "x".repeat(1014) + "é'");
            assertThat(ascii.queryInts(
                            "SELECT get_byte(b, length(b) - 1) FROM (SELECT decode(replace(query, '\\', '\\\\'),"
                                    + " 'escape') AS b FROM pg_stat_activity"
                                    + " WHERE pid = ?) q",
                            session.pid()))
                    .containsExactly(0xC3);
            BackendInspector inspector = inspector(ascii);

            Backend row = backend(inspector.activity(), session.pid());
            inspector.waiting();
            inspector.blocking();
            inspector.lockTree();

            assertThat(row.query()).startsWith("SELECT 'xxx").endsWith("x\uFFFD");
        }
    }

    @PostgresMatrixTest
    void latin1TextIsReadInItsDatabasesEncoding(TestDatabase db) {
        try (TestDatabase ascii = db.server().createDatabase("SQL_ASCII");
                TestDatabase latin1 = db.server().createDatabase("LATIN1")) {
            // The server converts the client's UTF-8 to the LATIN1 database's encoding: the query's é is kept
            // as the one byte 0xE9, which an inspector connected to the SQL_ASCII database receives unconverted
            // (not UTF-8). The inspector decodes each backend's text in its own database's encoding.
            TestSession session = latin1.openSession();
            session.execute("SELECT 'café' AS latin1");
            assertThat(ascii.queryInts(
                            "SELECT get_byte(decode(replace(query, '\\', '\\\\'), 'escape'), 11)"
                                    + " FROM pg_stat_activity WHERE pid = ?",
                            session.pid()))
                    .containsExactly(0xE9);
            BackendInspector inspector = inspector(ascii);

            Backend row = backend(inspector.activity(), session.pid());
            inspector.waiting();
            inspector.blocking();
            inspector.lockTree();

            assertThat(row.query()).isEqualTo("SELECT 'café' AS latin1");
        }
    }

    @PostgresMatrixTest
    void churnNeverFailsAndTreesReferToListedBackends(TestDatabase db) throws Exception {
        createTable(db);
        db.execute("CREATE TABLE other (id int)");
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> churners = new ArrayList<>();
        TestSession a = db.openSession();
        TestSession b = db.openSession();
        TestSession holder = db.openSession();
        List<TestSession> readers = List.of(db.openSession(), db.openSession(), db.openSession());
        a.execute("SET deadlock_timeout = '100ms'");
        b.execute("SET deadlock_timeout = '100ms'");
        churners.add(new Thread(() -> {
            while (!stop.get()) {
                a.execute("BEGIN; UPDATE accounts SET balance = 1 WHERE id = 1");
                b.execute("BEGIN; UPDATE accounts SET balance = 2 WHERE id = 2");
                CompletableFuture<Void> x = a.start("UPDATE accounts SET balance = 1 WHERE id = 2");
                CompletableFuture<Void> y = b.start("UPDATE accounts SET balance = 2 WHERE id = 1");
                quietly(x);
                quietly(y);
                a.execute("ROLLBACK");
                b.execute("ROLLBACK");
            }
        }));
        churners.add(new Thread(() -> {
            while (!stop.get()) {
                holder.execute("BEGIN; LOCK TABLE other IN ACCESS EXCLUSIVE MODE");
                List<CompletableFuture<Void>> waits = new ArrayList<>();
                readers.forEach(r -> waits.add(r.start("SELECT count(*) FROM other")));
                sleep(30);
                holder.execute("COMMIT");
                waits.forEach(BackendInspectorContract::quietly);
            }
        }));
        churners.forEach(Thread::start);
        BackendInspector inspector = inspector(db);
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int trees = 0;
        try {
            while (System.nanoTime() < end) {
                inspector.activity();
                assertThat(inspector.waiting())
                        .allSatisfy(w -> assertThat(w.blockedBy()).doesNotContain(0));
                inspector.blocking();
                List<LockTreeNode> nodes = nodes(inspector.lockTree());
                Set<String> ids = new HashSet<>();
                for (LockTreeNode n : nodes) {
                    assertThat(ids.add(n.blocker().id()))
                            .as("%s once", n.blocker().id())
                            .isTrue();
                    assertThat(n.blocker().pid().orElse(1)).isPositive();
                }
                trees += nodes.isEmpty() ? 0 : 1;
            }
        } finally {
            stop.set(true);
            for (Thread t : churners) {
                t.join(30_000);
            }
        }
        assertThat(trees).as("snapshots with a lock tree").isPositive();
    }

    private static void quietly(CompletableFuture<Void> f) {
        try {
            f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // a deadlock victim: expected
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("a churn statement did not finish", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
