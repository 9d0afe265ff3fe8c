package org.activity4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ValuesTest {

    @Test
    void signalResultRejectsNonPositivePid() {
        assertThatThrownBy(() -> SignalResult.of(0, SignalResult.Outcome.SIGNALLED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pid must be > 0: 0");
    }

    @Test
    void onlySignalledCountsAsSignalled() {
        assertThat(SignalResult.of(7, SignalResult.Outcome.SIGNALLED).signalled())
                .isTrue();
        assertThat(SignalResult.of(7, SignalResult.Outcome.INSUFFICIENT_PRIVILEGE)
                        .signalled())
                .isFalse();
    }

    @Test
    void unknownProcessStatsKnowNothing() {
        assertThat(ProcessStats.unknown().isKnown()).isFalse();
        assertThat(ProcessStats.unknown().cpuPercent()).isEmpty();
    }

    @Test
    void processStatsRejectNegativeAndNaNFigures() {
        assertThatThrownBy(() -> new ProcessStats(
                        OptionalDouble.of(-1),
                        OptionalDouble.empty(),
                        OptionalDouble.empty(),
                        OptionalDouble.empty(),
                        Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cpuPercent");
        assertThatThrownBy(() -> new ProcessStats(
                        OptionalDouble.empty(),
                        OptionalDouble.of(Double.NaN),
                        OptionalDouble.empty(),
                        OptionalDouble.empty(),
                        Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("memoryPercent");
    }

    @Test
    void lockWaitCopiesItsBlockers() {
        List<Integer> blockers = new ArrayList<>(List.of(1));
        LockInfo lock = new LockInfo(
                "advisory", "ExclusiveLock", false, Optional.empty(), OptionalLong.empty(), Optional.empty());
        Backend backend = new Backends().backend(5);

        LockWait wait = new LockWait(backend, lock, blockers);
        blockers.add(2);

        assertThat(wait.blockedBy()).containsExactly(1);
    }

    @Test
    void lockHolderBlocksSomebody() {
        LockInfo lock = new LockInfo(
                "relation", "AccessExclusiveLock", true, Optional.of("t"), OptionalLong.of(16384), Optional.empty());

        assertThatThrownBy(() -> new LockHolder(new Backends().backend(5), lock, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void backendRejectsNonPositivePid() {
        assertThatThrownBy(() -> new Backends().backend(-3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pid must be > 0: -3");
    }
}
