package org.activity4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.activity4j.core.BackendInspector;
import org.activity4j.core.Blocker;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockTreeNode;
import org.activity4j.core.LockWait;

/**
 * A blocker that is not a client backend: an autovacuum worker vacuuming a table, with a session waiting for
 * {@code ACCESS EXCLUSIVE} on it. {@code activity()} lists client backends only, but the worker is a blocker
 * in {@code waiting()}, {@code blocking()} and {@code lockTree()}, with its kind.
 *
 * <p>To keep the worker on the table, the table is vacuumed at one page per 100 ms (its own cost settings),
 * and the waiter sets a long {@code deadlock_timeout}: PostgreSQL cancels an autovacuum worker that blocks
 * someone once the waiter's {@code deadlock_timeout} has passed (unless it prevents wraparound).
 */
class NonClientBlockerIT {

    @PostgresMatrixTest
    void anAutovacuumWorkerIsABlockerWithItsKind(TestDatabase db) {
        db.execute("CREATE TABLE vacuumed (id int) WITH (autovacuum_vacuum_cost_delay = 100,"
                + " autovacuum_vacuum_cost_limit = 1, autovacuum_vacuum_threshold = 0,"
                + " autovacuum_vacuum_scale_factor = 0, autovacuum_enabled = true)");
        db.execute("INSERT INTO vacuumed SELECT generate_series(1, 200000)");
        db.execute("DELETE FROM vacuumed");
        // The server's autovacuum launcher visits each database once per naptime (default 1 min).
        db.execute("ALTER SYSTEM SET autovacuum_naptime = 1");
        db.execute("SELECT pg_reload_conf()");
        int worker;
        try {
            db.awaitTrue("SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND backend_type = 'autovacuum worker' AND query LIKE '%vacuumed%')");
            worker = db.queryInts("SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                            + " AND backend_type = 'autovacuum worker' AND query LIKE '%vacuumed%'")
                    .get(0);
        } finally {
            db.execute("ALTER SYSTEM RESET autovacuum_naptime");
            db.execute("SELECT pg_reload_conf()");
        }
        try (TestSession waiter = db.openSession()) {
            waiter.execute("SET deadlock_timeout = '1h'");
            waiter.execute("BEGIN");
            waiter.start("LOCK TABLE vacuumed IN ACCESS EXCLUSIVE MODE");
            db.awaitWaitingOnLock(waiter.pid());
            BackendInspector inspector = BackendInspector.postgres(db.dataSource());

            List<LockWait> waiting = inspector.waiting();
            assertThat(waiting).extracting(w -> w.backend().pid()).containsExactly(waiter.pid());
            assertThat(waiting.get(0).blockedBy()).containsExactly(worker);

            List<LockHolder> blocking = inspector.blocking();
            assertThat(blocking).singleElement().satisfies(h -> {
                assertThat(h.blocker().pid()).hasValue(worker);
                assertThat(h.blocker().kind()).isEqualTo("autovacuum worker");
                assertThat(h.kind()).isEqualTo(LockHolder.Kind.HOLDS);
                assertThat(h.lock().mode()).isEqualTo("ShareUpdateExclusiveLock");
                assertThat(h.blocking()).containsExactly(waiter.pid());
            });

            List<LockTreeNode> tree = inspector.lockTree();
            assertThat(tree).singleElement().satisfies(root -> {
                assertThat(root.blocker()).isInstanceOf(Blocker.OfBackend.class);
                assertThat(root.blocker().pid()).hasValue(worker);
                assertThat(root.blocker().kind()).isEqualTo("autovacuum worker");
                assertThat(root.blocked())
                        .extracting(n -> n.blocker().pid().getAsInt())
                        .containsExactly(waiter.pid());
            });

            assertThat(inspector.activity()).extracting(b -> b.pid()).doesNotContain(worker);
        } finally {
            db.queryInts("SELECT count(*)::int FROM (SELECT pg_terminate_backend(?)) t", worker);
        }
    }
}
