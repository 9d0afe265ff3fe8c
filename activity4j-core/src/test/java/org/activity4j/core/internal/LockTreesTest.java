package org.activity4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.activity4j.core.Backend;
import org.activity4j.core.Blocker;
import org.activity4j.core.LockTreeNode;
import org.activity4j.core.PreparedTransaction;
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
        return nodes.stream().map(n -> n.blocker().pid().orElseThrow()).toList();
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
    void backendBlockedByTwoAppearsOnceUnderTheLowestPidOfEqualDepthWithTheOtherListed() {
        List<LockTreeNode> roots = LockTrees.build(List.of(backend(1), backend(2), backend(3, 1, 2)));

        assertThat(pids(roots)).containsExactly(1, 2);
        assertThat(pids(roots.get(0).blocked())).containsExactly(3);
        assertThat(roots.get(1).blocked()).isEmpty();
        assertThat(roots.get(0).blocked().get(0).alsoBlockedBy())
                .extracting(Blocker::id)
                .containsExactly("pid:2");
    }

    @Test
    void backendBlockedByAChainHangsUnderTheDeepestBlocker() {
        // The demo: 3 (LOCK TABLE) waits for 2 (UPDATE) and 1 (row lock); 2 waits for 1.
        List<LockTreeNode> roots = LockTrees.build(List.of(backend(1), backend(2, 1), backend(3, 1, 2)));

        assertThat(pids(roots)).containsExactly(1);
        assertThat(pids(roots.get(0).blocked())).containsExactly(2);
        LockTreeNode three = roots.get(0).blocked().get(0).blocked().get(0);
        assertThat(three.blocker().pid()).hasValue(3);
        assertThat(three.alsoBlockedBy()).extracting(Blocker::id).containsExactly("pid:1");
    }

    @Test
    void preparedTransactionIsANodeOfItsKind() {
        PreparedTransaction p =
                new PreparedTransaction("tx-1", 742, Optional.of("alice"), Optional.of("db"), Optional.empty());
        Backend waiter = backend(4).toBuilder().blockedByPrepared(List.of(p)).build();

        List<LockTreeNode> roots = LockTrees.build(List.of(waiter, backend(5, 4)));

        assertThat(roots).singleElement().satisfies(root -> {
            assertThat(root.blocker().kind()).isEqualTo("prepared transaction");
            assertThat(root.blocker().pid()).isEmpty();
            assertThat(pids(root.blocked())).containsExactly(4);
            assertThat(pids(root.blocked().get(0).blocked())).containsExactly(5);
        });
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

        // Cut where the walk from the lowest pid meets itself: 2 becomes the root, its wait for 1 is listed.
        assertThat(pids(roots)).containsExactly(2);
        assertThat(roots.get(0).alsoBlockedBy()).extracting(Blocker::id).containsExactly("pid:1");
        assertThat(pids(roots.get(0).blocked())).containsExactly(1);
        assertThat(roots.get(0).blocked().get(0).blocked()).isEmpty();
    }

    @Test
    void blockerThatIsGoneIsIgnored() {
        assertThat(LockTrees.build(List.of(backend(2, 99)))).isEmpty();
    }
}
