package org.activity4j.procstats;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.activity4j.core.Backend;
import org.activity4j.core.BackendInspector;
import org.activity4j.core.BackendProcess;
import org.activity4j.core.Blocker;
import org.activity4j.core.ProcessStats;
import org.activity4j.core.ProcessStatsSource;
import org.activity4j.testkit.PostgresMatrixTest;
import org.activity4j.testkit.TestDatabase;
import org.activity4j.testkit.TestRole;
import org.activity4j.testkit.TestSession;

class OshiProcessStatsIT {
    /** Polls a few samples: a figure of a busy backend may be 0 over one short window on a loaded machine. */
    private static final int SAMPLES = 50;

    private static BackendInspector inspector(TestDatabase db) {
        return BackendInspector.builder(db.dataSource())
                .processStats(OshiProcessStats.builder()
                        .firstSampleWindow(Duration.ofMillis(50))
                        .build())
                .build();
    }

    private static Backend backend(BackendInspector inspector, int pid) {
        return inspector.activity().stream()
                .filter(b -> b.pid() == pid)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no backend " + pid));
    }

    private static OptionalDouble firstPositive(
            BackendInspector inspector, int pid, Function<ProcessStats, OptionalDouble> figure) {
        OptionalDouble last = OptionalDouble.empty();
        for (int i = 0; i < SAMPLES; i++) {
            last = figure.apply(backend(inspector, pid).processStats());
            if (last.isPresent() && last.getAsDouble() > 0) {
                return last;
            }
        }
        return last;
    }

    private static void awaitActive(TestDatabase db, TestSession session) {
        db.awaitTrue(
                "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = ? AND state = 'active')", session.pid());
    }

    @PostgresMatrixTest
    void backendBurningCpuShowsCpu(TestDatabase db) {
        TestSession busy = db.openSession();
        busy.start("DO $$ BEGIN LOOP PERFORM 1; END LOOP; END $$");
        awaitActive(db, busy);

        OptionalDouble cpu = firstPositive(inspector(db), busy.pid(), ProcessStats::cpuPercent);

        assertThat(cpu).isPresent();
        assertThat(cpu.getAsDouble()).isPositive();
    }

    @PostgresMatrixTest
    void backendWritingShowsWriteBytesPerSecond(TestDatabase db) {
        db.execute("CREATE TABLE filler (id int, pad text)");
        TestSession writer = db.openSession();
        writer.start("DO $$ BEGIN LOOP INSERT INTO filler SELECT g, repeat('x', 1000)"
                + " FROM generate_series(1, 2000) g; END LOOP; END $$");
        awaitActive(db, writer);

        OptionalDouble written = firstPositive(inspector(db), writer.pid(), ProcessStats::writeBytesPerSecond);

        assertThat(written).isPresent();
        assertThat(written.getAsDouble()).isPositive();
    }

    @PostgresMatrixTest
    void idleBackendHasMemoryAndNoIoWait(TestDatabase db) {
        TestSession idle = db.openSession();
        idle.execute("SELECT 1");

        ProcessStats stats = backend(inspector(db), idle.pid()).processStats();

        assertThat(stats.memoryPercent()).isPresent();
        assertThat(stats.memoryPercent().getAsDouble()).isPositive();
        assertThat(stats.ioWait()).contains(false);
    }

    @PostgresMatrixTest
    void waitingAndBlockingRowsCarryFigures(TestDatabase db) {
        db.execute("CREATE TABLE t (id int)");
        TestSession holder = db.openSession();
        holder.execute("BEGIN; LOCK TABLE t");
        TestSession waiter = db.openSession();
        waiter.start("SELECT * FROM t");
        db.awaitWaitingOnLock(waiter.pid());
        BackendInspector inspector = inspector(db);

        assertThat(inspector.waiting())
                .filteredOn(w -> w.backend().pid() == waiter.pid())
                .singleElement()
                .satisfies(w ->
                        assertThat(w.backend().processStats().memoryPercent()).isPresent());
        assertThat(inspector.blocking())
                .filteredOn(h -> h.blocker().pid().equals(java.util.OptionalInt.of(holder.pid())))
                .singleElement()
                .satisfies(h -> assertThat(((Blocker.OfBackend) h.blocker())
                                .backend()
                                .processStats()
                                .memoryPercent())
                        .isPresent());
        assertThat(inspector.lockTree())
                .filteredOn(n -> n.blocker().pid().equals(java.util.OptionalInt.of(holder.pid())))
                .singleElement()
                .satisfies(n -> assertThat(((Blocker.OfBackend) n.blocker())
                                .backend()
                                .processStats()
                                .memoryPercent())
                        .isPresent());
    }

    @PostgresMatrixTest
    void samePidWithAnotherStartTimeIsNotTheBackend(TestDatabase db) {
        TestSession session = db.openSession();
        Instant hourBefore = backend(inspector(db), session.pid())
                .backendStart()
                .orElseThrow()
                .minus(Duration.ofHours(1));

        var stats = OshiProcessStats.create().sample(List.of(new BackendProcess(session.pid(), hourBefore)));

        assertThat(stats).doesNotContainKey(session.pid());
    }

    @PostgresMatrixTest
    void backendWhoseStartIsHiddenStillHasFiguresAndItsStartStaysHidden(TestDatabase db) {
        TestSession busy = db.openSession(); // the superuser's: hidden from a role without pg_read_all_stats
        busy.start("DO $$ BEGIN LOOP PERFORM 1; END LOOP; END $$");
        awaitActive(db, busy);
        TestRole plain = db.createRole();
        BackendInspector inspector = BackendInspector.builder(db.dataSource(plain))
                .processStats(OshiProcessStats.builder()
                        .firstSampleWindow(Duration.ofMillis(50))
                        .build())
                .build();

        Backend row = backend(inspector, busy.pid());
        OptionalDouble cpu = firstPositive(inspector, busy.pid(), ProcessStats::cpuPercent);

        assertThat(row.backendStart()).isEmpty();
        assertThat(row.processStats().memoryPercent()).isPresent();
        assertThat(cpu).isPresent();
        assertThat(cpu.getAsDouble()).isPositive();
    }

    @PostgresMatrixTest
    void hiddenStartProcessThatStartedAfterTheListingIsNotTheBackend(TestDatabase db) {
        TestSession session = db.openSession();
        Instant start = backend(inspector(db), session.pid()).backendStart().orElseThrow();
        Instant serverStart = serverStart(db);

        var stats = OshiProcessStats.create()
                .sample(List.of(new BackendProcess(
                        session.pid(),
                        Optional.empty(),
                        Optional.of(serverStart),
                        Optional.of(start.minus(Duration.ofHours(1))))));

        assertThat(stats).doesNotContainKey(session.pid());
    }

    @PostgresMatrixTest
    void hiddenStartProcessWhoseParentIsNotThisServersPostmasterIsNotTheBackend(TestDatabase db) {
        TestSession session = db.openSession();
        Instant serverStart = serverStart(db);
        int postmaster = (int) ProcessHandle.of(session.pid())
                .flatMap(ProcessHandle::parent)
                .orElseThrow()
                .pid();

        var otherServer = OshiProcessStats.create()
                .sample(List.of(new BackendProcess(
                        session.pid(),
                        Optional.empty(),
                        Optional.of(serverStart.minus(Duration.ofHours(1))),
                        Optional.of(Instant.now()))));
        // The postmaster is named postgres and started before the listing, but its parent is no postmaster.
        var postmasterItself = OshiProcessStats.create()
                .sample(List.of(new BackendProcess(
                        postmaster, Optional.empty(), Optional.of(serverStart), Optional.of(Instant.now()))));
        var thisServer = OshiProcessStats.create()
                .sample(List.of(new BackendProcess(
                        session.pid(), Optional.empty(), Optional.of(serverStart), Optional.of(Instant.now()))));

        assertThat(otherServer).doesNotContainKey(session.pid());
        assertThat(postmasterItself).doesNotContainKey(postmaster);
        assertThat(thisServer).containsKey(session.pid());
    }

    @PostgresMatrixTest
    void hiddenStartWithoutServerStartIsNotSampled(TestDatabase db) {
        TestSession session = db.openSession();

        var stats = OshiProcessStats.create()
                .sample(List.of(new BackendProcess(
                        session.pid(), Optional.empty(), Optional.empty(), Optional.of(Instant.now()))));

        assertThat(stats).doesNotContainKey(session.pid());
    }

    private static Instant serverStart(TestDatabase db) {
        try (Connection c = db.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT pg_postmaster_start_time()")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class).toInstant();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @PostgresMatrixTest
    void viewWithoutProcessStatsNeitherReadsNorReturnsFigures(TestDatabase db) {
        TestSession session = db.openSession();
        session.execute("SELECT 1");
        AtomicInteger sampled = new AtomicInteger();
        try (OshiProcessStats oshi = OshiProcessStats.create()) {
            ProcessStatsSource counting = processes -> {
                sampled.incrementAndGet();
                return oshi.sample(processes);
            };
            BackendInspector withFigures = BackendInspector.builder(db.dataSource())
                    .processStats(counting)
                    .statementTimeout(Duration.ofSeconds(7))
                    .build();
            BackendInspector plain = withFigures.withoutProcessStats();

            assertThat(backend(plain, session.pid()).processStats().isKnown()).isFalse();
            plain.waiting();
            plain.blocking();
            plain.lockTree();
            assertThat(sampled).hasValue(0);
            assertThat(plain.withoutProcessStats()).isSameAs(plain);

            assertThat(backend(withFigures, session.pid()).processStats().memoryPercent())
                    .isPresent();
            assertThat(sampled).hasValue(1);
        }
    }

    @PostgresMatrixTest
    void withoutSourceFiguresAreUnknown(TestDatabase db) {
        TestSession session = db.openSession();

        Backend row = BackendInspector.postgres(db.dataSource()).activity().stream()
                .filter(b -> b.pid() == session.pid())
                .findFirst()
                .orElseThrow();

        assertThat(row.processStats().isKnown()).isFalse();
    }
}
