package org.activity4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.activity4j.core.BackendInspector;
import org.activity4j.testkit.PostgresMatrixTest;
import org.activity4j.testkit.TestDatabase;
import org.activity4j.testkit.TestSession;

/** Real backends in known states show up in the gauges, sampled once per scrape and interval. */
class BackendInspectorMetricsIT {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private void scrape() {
        for (Meter meter : registry.getMeters()) {
            meter.measure().forEach(m -> m.getValue());
        }
    }

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    private double seconds(String name) {
        return registry.get(name).timeGauge().value(TimeUnit.SECONDS);
    }

    private long activityCalls() {
        return registry.get("activity4j.inspector.calls")
                .tags("method", "activity", "outcome", "success")
                .timer()
                .count();
    }

    /** {@code clock_timestamp() - <column>} of backend {@code pid}, in seconds, read now. */
    private static double ageNow(TestDatabase db, int pid, String column) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT extract(epoch FROM clock_timestamp() - " + column
                        + ")::float8" + " FROM pg_stat_activity WHERE pid = ?")) {
            s.setInt(1, pid);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("backend %d", pid).isTrue();
                return rs.getDouble(1);
            }
        }
    }

    @PostgresMatrixTest
    void backendsInKnownStatesShowInTheGauges(TestDatabase db) throws SQLException {
        db.execute("CREATE TABLE t (id int PRIMARY KEY, v int); INSERT INTO t VALUES (1, 0)");
        TestSession idle = db.openSession();
        idle.execute("SELECT 1");
        TestSession holder = db.openSession();
        holder.execute("BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
        TestSession waiter1 = db.openSession();
        waiter1.start("SELECT * FROM t");
        db.awaitWaitingOnLock(waiter1.pid());
        TestSession waiter2 = db.openSession();
        waiter2.start("SELECT * FROM t");
        db.awaitWaitingOnLock(waiter2.pid());
        TestSession sleeper = db.openSession();
        sleeper.start("SELECT pg_sleep(60)");
        db.awaitTrue(
                "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = ? AND state = 'active')", sleeper.pid());
        double idleInTransactionAtLeast = ageNow(db, holder.pid(), "state_change");
        double transactionAtLeast = ageNow(db, holder.pid(), "xact_start");
        double queryAtLeast = ageNow(db, sleeper.pid(), "query_start");

        BackendInspector inspector = MeteredBackendInspector.of(BackendInspector.postgres(db.dataSource()), registry);
        try (BackendInspectorMetrics metrics = BackendInspectorMetrics.builder(inspector)
                .timeout(Duration.ofSeconds(30))
                .build()) {
            metrics.bindTo(registry);
            scrape();

            assertThat(gauge("activity4j.backends", "state", "idle")).isGreaterThanOrEqualTo(1);
            assertThat(gauge("activity4j.backends", "state", "idle in transaction"))
                    .isGreaterThanOrEqualTo(1);
            assertThat(gauge("activity4j.backends", "state", "active")).isGreaterThanOrEqualTo(3);
            assertThat(gauge("activity4j.backends.waiting")).isGreaterThanOrEqualTo(2);
            assertThat(gauge("activity4j.backends.blocked")).isGreaterThanOrEqualTo(2);
            assertThat(gauge("activity4j.blockers")).isGreaterThanOrEqualTo(1);
            // The holder blocks both readers directly (readers do not conflict with each other).
            assertThat(gauge("activity4j.blockers.blocked.max")).isGreaterThanOrEqualTo(2);
            assertThat(seconds("activity4j.backends.idle.in.transaction.age.max"))
                    .isGreaterThanOrEqualTo(idleInTransactionAtLeast);
            assertThat(seconds("activity4j.backends.transaction.age.max")).isGreaterThanOrEqualTo(transactionAtLeast);
            assertThat(seconds("activity4j.backends.query.age.max")).isGreaterThanOrEqualTo(queryAtLeast);
            assertThat(registry.find("activity4j.backends.sample.errors").counters())
                    .isEmpty();
        }
    }

    @PostgresMatrixTest
    void aScrapeMakesOneInspectorCallAndTheIntervalSpacesThem(TestDatabase db) {
        BackendInspector inspector = MeteredBackendInspector.of(BackendInspector.postgres(db.dataSource()), registry);
        try (BackendInspectorMetrics metrics = BackendInspectorMetrics.builder(inspector)
                .minInterval(Duration.ofHours(1))
                .timeout(Duration.ofSeconds(30))
                .build()) {
            metrics.bindTo(registry);

            scrape();
            assertThat(activityCalls()).isEqualTo(1);
            scrape();
            scrape();
            assertThat(activityCalls()).isEqualTo(1);
        }
    }

    @PostgresMatrixTest
    void anUnreachableServerIsCountedNotThrown(TestDatabase db) {
        TestSession session = db.openSession();
        // A database that is gone: every connection attempt fails.
        org.postgresql.ds.PGSimpleDataSource gone = new org.postgresql.ds.PGSimpleDataSource();
        gone.setURL(db.jdbcUrl().replace(db.name(), db.name() + "_gone"));
        gone.setConnectTimeout(5);
        try (BackendInspectorMetrics metrics = BackendInspectorMetrics.builder(BackendInspector.postgres(gone))
                .timeout(Duration.ofSeconds(30))
                .build()) {
            metrics.bindTo(registry);

            scrape();

            assertThat(gauge("activity4j.backends", "state", "idle")).isNaN();
            assertThat(registry.get("activity4j.backends.sample.errors")
                            .tag("exception", "BackendUnavailableException")
                            .counter()
                            .count())
                    .isEqualTo(1);
        }
        assertThat(session.pid()).isPositive();
    }
}
