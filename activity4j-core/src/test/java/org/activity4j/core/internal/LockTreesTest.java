package org.activity4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.activity4j.core.Backend;
import org.activity4j.core.LockTreeNode;
import org.activity4j.core.ProcessStats;
import org.junit.jupiter.api.Test;

class LockTreesTest {

    private static Backend backend(int pid, Integer... blockedBy) {
        return new Backend(
                pid,
                Optional.of("db"),
                Optional.of("alice"),
                "",
                Optional.empty(),
                Optional.of("client backend"),
                Optional.of("active"),
                Optional.empty(),
                Optional.empty(),
                blockedBy.length > 0,
                "",
                Optional.empty(),
                Optional.empty(),
                Instant.EPOCH,
                Optional.empty(),
                Duration.ZERO,
                OptionalInt.empty(),
                OptionalLong.empty(),
                List.of(blockedBy),
                ProcessStats.unknown());
    }

    private static List<Integer> pids(List<LockTreeNode> nodes) {
        return nodes.stream().map(n -> n.backend().pid()).toList();
    }

    @Test
    void noBlockingMeansNoTree() {
        assertThat(LockTrees.build(List.of(backend(1), backend(2)))).isEmpty();
    }

    @Test
    void chainHangsFromItsRoot() {
        List<LockTreeNode> roots = LockTrees.build(List.of(backend(3, 2), backend(2, 1), backend(1)));

        assertThat(pids(roots)).containsExactly(1);
        assertThat(pids(roots.get(0).blocked())).containsExactly(2);
        assertThat(pids(roots.get(0).blocked().get(0).blocked())).containsExactly(3);
        assertThat(roots.get(0).blockedCount()).isEqualTo(2);
    }

    @Test
    void backendBlockedByTwoAppearsUnderBoth() {
        List<LockTreeNode> roots = LockTrees.build(List.of(backend(1), backend(2), backend(3, 1, 2)));

        assertThat(pids(roots)).containsExactlyInAnyOrder(1, 2);
        assertThat(roots).allSatisfy(root -> assertThat(pids(root.blocked())).containsExactly(3));
    }

    @Test
    void rootsThatBlockMoreComeFirst() {
        List<LockTreeNode> roots =
                LockTrees.build(List.of(backend(1), backend(2, 1), backend(5), backend(6, 5), backend(7, 6)));

        assertThat(pids(roots)).containsExactly(5, 1);
    }

    @Test
    void cycleStillShowsEveryBlockerOnce() {
        List<LockTreeNode> roots = LockTrees.build(List.of(backend(1, 2), backend(2, 1)));

        assertThat(pids(roots)).containsExactly(1);
        assertThat(pids(roots.get(0).blocked())).containsExactly(2);
        assertThat(roots.get(0).blocked().get(0).blocked()).isEmpty();
    }

    @Test
    void blockerThatIsGoneIsIgnored() {
        assertThat(LockTrees.build(List.of(backend(2, 99)))).isEmpty();
    }
}
