package org.activity4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.activity4j.client.internal.ProcessCounters;
import org.activity4j.client.internal.TemboardSignedRows;
import org.activity4j.client.wire.TemboardCodec;
import org.activity4j.client.wire.TemboardLockRow;
import org.activity4j.client.wire.TemboardLocksRow;
import org.activity4j.client.wire.TemboardSessionRow;
import org.activity4j.client.wire.TemboardSessionsCodec;
import org.activity4j.core.Backend;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockWait;
import org.junit.jupiter.api.Test;

/** The bodies recorded from a real temBoard agent 10.0.0 decode, and its quirks are corrected. */
class TemboardSignedRecordedTest {
    private static List<TemboardSessionRow> sessions() {
        return TemboardSessionsCodec.decodeSessions(Recorded10.exchange("sessions_locks.txt", "GET /activity/sessions")
                .body());
    }

    private static List<TemboardLocksRow> locks() {
        return TemboardSessionsCodec.decodeLocks(
                Recorded10.exchange("locks.txt", "GET /activity/locks").body());
    }

    private static List<TemboardLockRow> rows(String title) {
        return TemboardCodec.decodeLocks(
                Recorded10.exchange("activity.txt", title).body());
    }

    @Test
    void sessionsDecodeWithTimesCountersAndRepeats() {
        List<TemboardSessionRow> rows = sessions();

        assertThat(rows).extracting(TemboardSessionRow::pid).containsExactly(7284, 7283, 7283, 7288, 7291, 7291);
        TemboardSessionRow fresh = rows.get(0);
        assertThat(fresh.queryStart()).isEmpty();
        assertThat(fresh.durationSeconds()).isEmpty();
        assertThat(fresh.backendStart()).contains(Instant.parse("2026-11-23T19:35:27.630450Z"));
        assertThat(fresh.residentBytes()).hasValue(13676544);
        assertThat(fresh.processState()).contains("S");
        assertThat(rows.get(1).clientAddress()).contains("127.0.0.1");
        assertThat(rows.get(1).blocking()).isTrue();
    }

    @Test
    void repeatedSessionsAreOneBackendEachNeverQueriedLast() {
        List<TemboardSessionRow> distinct = TemboardSignedRows.distinct(sessions());
        Map<Integer, ProcessCounters.Rates> rates = new ProcessCounters(100).update(distinct, 1);

        List<Backend> backends =
                TemboardSignedRows.backends(distinct, List.of(), TemboardSignedRows.blockers(locks()), rates);

        assertThat(backends).extracting(Backend::pid).containsExactly(7283, 7288, 7291, 7284);
        Backend waiter = backends.get(2);
        assertThat(waiter.waitingOnLock()).isTrue();
        assertThat(waiter.waitEventType()).contains("Lock");
        assertThat(waiter.blockedBy()).containsExactly(7283, 7288);
        assertThat(waiter.applicationName()).contains("waiter_table");
        // First sample: no rate; nothing about the process is made up.
        assertThat(waiter.processStats().cpuPercent()).isEmpty();
        assertThat(waiter.processStats().readBytesPerSecond()).isEmpty();
        assertThat(waiter.processStats().memoryPercent()).isEmpty();
        assertThat(waiter.processStats().ioWait()).contains(false);
        assertThat(waiter.backendType()).isEmpty();
        assertThat(backends.get(3).duration()).isEmpty();
    }

    @Test
    void locksReadTheMinColumnAsWaitStartAndGiveExactBlockers() {
        List<TemboardLocksRow> locks = locks();

        assertThat(locks.get(0).waitStart()).contains(Instant.parse("2026-11-23T19:35:28.149795Z"));
        assertThat(locks.get(3).waitingPids()).containsExactly(7291, 7288, 7288);
        assertThat(TemboardSignedRows.blockers(locks))
                .containsOnly(Map.entry(7288, List.of(7283)), Map.entry(7291, List.of(7283, 7288)));
    }

    @Test
    void waitsHaveExactBlockersAndWaitStarts() {
        List<LockWait> waits = TemboardSignedRows.waits(rows("GET /activity/waiting"), locks());

        assertThat(waits).extracting(w -> w.backend().pid()).containsExactly(7288, 7291);
        assertThat(waits.get(0).blockedBy()).containsExactly(7283);
        assertThat(waits.get(1).blockedBy()).containsExactly(7283, 7288);
        assertThat(waits.get(1).lock().relationOid()).hasValue(16392);
        assertThat(waits.get(1).lock().waitStart()).contains(Instant.parse("2026-11-23T19:35:28.652777Z"));
    }

    @Test
    void blockingRowsCountOnlyConfirmedWaitersOncePerLock() {
        List<LockHolder> holders =
                TemboardSignedRows.holders(rows("GET /activity/blocking"), rows("GET /activity/waiting"), locks());

        assertThat(holders)
                .extracting(h -> h.blocker().pid().orElse(-1), h -> h.lock().type(), LockHolder::blocking)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(7283, "transactionid", List.of(7288)),
                        org.assertj.core.groups.Tuple.tuple(7283, "relation", List.of(7291)),
                        org.assertj.core.groups.Tuple.tuple(7288, "relation", List.of(7291)));
        assertThat(holders).allSatisfy(h -> assertThat(h.kind()).isEqualTo(LockHolder.Kind.HOLDS));
    }

    @Test
    void errorsOfTheRealAgentDecode() {
        assertThat(TemboardCodec.decodeError(Recorded10.exchange("kill_errors.txt", "GET /activity unsigned")
                        .body()))
                .isEqualTo("Missing X-TemBoard-Signature header.");
        assertThat(Recorded10.exchange("kill_errors.txt", "GET /activity/nothing")
                        .status())
                .isEqualTo(404);
        assertThat(TemboardCodec.decodeKillResponse(
                        Recorded10.exchange("kill_errors.txt", "POST /activity/kill waiter_table 7291")
                                .body()))
                .singleElement()
                .satisfies(r -> assertThat(r.signalled()).isTrue());
    }

    @Test
    void ratesComeFromCountersBetweenTwoSamplesOfTheSameBackend() {
        ProcessCounters counters = new ProcessCounters(100);
        TemboardSessionRow first = sessions().get(1);
        TemboardSessionRow later = new TemboardSessionRow(
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
                first.waiting(),
                first.blocking(),
                java.util.OptionalLong.of(50),
                first.residentBytes(),
                first.processState(),
                java.util.OptionalLong.of(4096),
                java.util.OptionalLong.of(0),
                Map.of());
        TemboardSessionRow reused = new TemboardSessionRow(
                first.pid(),
                first.clientAddress(),
                first.user(),
                first.applicationName(),
                first.database(),
                first.state(),
                java.util.Optional.of(Instant.parse("2030-01-01T00:00:00Z")),
                first.queryStart(),
                first.durationSeconds(),
                first.query(),
                first.waiting(),
                first.blocking(),
                java.util.OptionalLong.of(60),
                first.residentBytes(),
                first.processState(),
                java.util.OptionalLong.of(5000),
                java.util.OptionalLong.of(0),
                Map.of());

        assertThat(java.util.Objects.requireNonNull(
                                counters.update(List.of(first), 0).get(7283))
                        .cpuPercent())
                .isEmpty();
        ProcessCounters.Rates rates = java.util.Objects.requireNonNull(
                counters.update(List.of(later), 2_000_000_000L).get(7283));
        assertThat(rates.cpuPercent()).hasValue(25.0);
        assertThat(rates.readPerSecond()).hasValue(2048.0);
        assertThat(rates.writePerSecond()).hasValue(0.0);
        assertThat(java.util.Objects.requireNonNull(
                                counters.update(List.of(reused), 3_000_000_000L).get(7283))
                        .cpuPercent())
                .isEmpty();
    }
}
