package org.activity4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.activity4j.core.Backend;
import org.activity4j.core.LockTreeNode;
import org.junit.jupiter.api.Test;

class LockTreesTest {

    private static Backend backend(int pid, Integer... blockedBy) {
        return Backend.builder(pid)
                .database("db")
                .user("alice")
                .backendType("client backend")
                .state("active")
                .waitingOnLock(blockedBy.length > 0)
                .backendStart(Instant.EPOCH)
                .duration(Duration.ZERO)
                .blockedBy(List.of(blockedBy))
                .build();
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
