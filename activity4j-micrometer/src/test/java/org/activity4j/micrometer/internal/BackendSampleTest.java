package org.activity4j.micrometer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.activity4j.core.Backend;
import org.activity4j.core.PreparedTransaction;
import org.junit.jupiter.api.Test;

class BackendSampleTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant LOCAL_NOW = T0.plusSeconds(3600);

    @Test
    void countsBackendsByStateWithUnknownAndOther() {
        BackendSample s = BackendSample.of(
                List.of(
                        Backend.builder(1).state("idle").build(),
                        Backend.builder(2).state("idle").build(),
                        Backend.builder(3).build(),
                        Backend.builder(4).state("starting").build()),
                LOCAL_NOW);

        assertThat(s.byState())
                .containsEntry("idle", 2)
                .containsEntry("unknown", 1)
                .containsEntry("other", 1);
        assertThat(s.byState()).containsEntry("active", 0).containsOnlyKeys(BackendSample.STATE_TAGS);
    }

    @Test
    void countsWaitingBlockedAndBlockers() {
        PreparedTransaction prepared =
                new PreparedTransaction("tx1", 700, Optional.empty(), Optional.empty(), Optional.empty());
        BackendSample s = BackendSample.of(
                List.of(
                        Backend.builder(1).state("idle in transaction").build(),
                        Backend.builder(2)
                                .state("active")
                                .waitingOnLock(true)
                                .blockedBy(List.of(1))
                                .build(),
                        Backend.builder(3)
                                .state("active")
                                .waitingOnLock(true)
                                .blockedBy(List.of(1, 2))
                                .build(),
                        Backend.builder(4)
                                .state("active")
                                .waitingOnLock(true)
                                .blockedByPrepared(List.of(prepared))
                                .build()),
                LOCAL_NOW);

        assertThat(s.waiting()).isEqualTo(3);
        assertThat(s.blocked()).isEqualTo(3);
        assertThat(s.blockers()).isEqualTo(3); // pids 1 and 2, prepared tx1
        assertThat(s.mostBlockedByOne()).isEqualTo(2); // pid 1 blocks 2 and 3
    }

    @Test
    void agesAreZeroWhenNoBackendIsInTheirState() {
        BackendSample s =
                BackendSample.of(List.of(Backend.builder(1).state("idle").build()), LOCAL_NOW);

        assertThat(s.queryAge()).contains(Duration.ZERO);
        assertThat(s.transactionAge()).contains(Duration.ZERO);
        assertThat(s.idleInTransactionAge()).contains(Duration.ZERO);
        assertThat(s.blockers()).isZero();
        assertThat(s.mostBlockedByOne()).isZero();
    }

    @Test
    void agesAreUnknownWhenTheBackendsDoNotCarryTheirTimes() {
        // temBoard 7.x: state and duration, no query, transaction or state-change times.
        BackendSample s = BackendSample.of(
                List.of(
                        Backend.builder(1).state("active").build(),
                        Backend.builder(2).state("idle in transaction").build()),
                LOCAL_NOW);

        assertThat(s.queryAge()).isEmpty();
        assertThat(s.transactionAge()).isEmpty();
        assertThat(s.idleInTransactionAge()).isEmpty();
    }

    @Test
    void agesUseTheServersClockWhenTheSampleTellsIt() {
        BackendSample s = BackendSample.of(
                List.of(
                        Backend.builder(1)
                                .state("active")
                                .queryStart(T0)
                                .duration(Duration.ofSeconds(2))
                                .transactionStart(T0.minusSeconds(8))
                                .build(),
                        Backend.builder(2)
                                .state("idle in transaction (aborted)")
                                .queryStart(T0.minusSeconds(30))
                                .duration(Duration.ofSeconds(31))
                                .transactionStart(T0.minusSeconds(40))
                                .stateChange(T0.minusSeconds(29))
                                .build()),
                LOCAL_NOW);

        // The server's now is the latest queryStart + duration: T0 + 2 s.
        assertThat(s.queryAge()).contains(Duration.ofSeconds(2));
        assertThat(s.transactionAge()).contains(Duration.ofSeconds(42));
        assertThat(s.idleInTransactionAge()).contains(Duration.ofSeconds(31));
    }

    @Test
    void agesFallBackToTheLocalClock() {
        BackendSample s = BackendSample.of(
                List.of(Backend.builder(1)
                        .state("idle in transaction")
                        .transactionStart(LOCAL_NOW.minusSeconds(5))
                        .stateChange(LOCAL_NOW.minusSeconds(4))
                        .build()),
                LOCAL_NOW);

        assertThat(s.transactionAge()).contains(Duration.ofSeconds(5));
        assertThat(s.idleInTransactionAge()).contains(Duration.ofSeconds(4));
    }

    @Test
    void aStartAfterNowIsAgeZero() {
        BackendSample s = BackendSample.of(
                List.of(Backend.builder(1)
                        .state("idle in transaction")
                        .stateChange(LOCAL_NOW.plusSeconds(5))
                        .build()),
                LOCAL_NOW);

        assertThat(s.idleInTransactionAge()).contains(Duration.ZERO);
    }
}
