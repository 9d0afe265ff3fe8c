package org.activity4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.activity4j.core.Backend;
import org.activity4j.core.BackendInspector;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockTreeNode;
import org.activity4j.core.LockWait;
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
        return holders.stream().filter(h -> h.backend().pid() == pid).toList();
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
                .filter(n -> n.backend().pid() == holder.pid())
                .toList();

        assertThat(roots)
                .singleElement()
                .satisfies(root -> assertThat(root.blocked())
                        .extracting(n -> n.backend().pid())
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
            assertThat(h.lock().mode()).isEqualTo("AccessShareLock");
            assertThat(h.lock().granted()).isTrue();
            assertThat(h.blocking()).containsExactly(locker.pid());
        });
        assertThat(holdersOf(holders, locker.pid())).singleElement().satisfies(h -> {
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

        List<LockTreeNode> roots = inspector.lockTree().stream()
                .filter(n -> n.backend().pid() == a.pid())
                .toList();
        assertThat(roots).singleElement().satisfies(root -> {
            assertThat(root.blockedCount()).isEqualTo(2);
            assertThat(root.blocked()).singleElement().satisfies(nodeB -> {
                assertThat(nodeB.backend().pid()).isEqualTo(b.pid());
                assertThat(nodeB.blocked()).singleElement().satisfies(nodeC -> {
                    assertThat(nodeC.backend().pid()).isEqualTo(c.pid());
                    assertThat(nodeC.blocked()).isEmpty();
                });
            });
        });
        assertThat(inspector.lockTree()).noneMatch(n -> n.backend().pid() == b.pid());
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
}
