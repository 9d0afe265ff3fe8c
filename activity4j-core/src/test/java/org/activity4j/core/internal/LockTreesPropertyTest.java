package org.activity4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.activity4j.core.Backend;
import org.activity4j.core.Blocker;
import org.activity4j.core.LockTreeNode;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Lock trees of random "who blocks whom" graphs, cycles and missing blockers included; a failure prints the
 * seed, {@code -DQT_SEED=<seed>} replays it.
 */
class LockTreesPropertyTest {

    /** Up to 8 backends with pids 1..8, each blocked by up to 3 pids of 1..10 (9 and 10 do not exist). */
    private static Gen<List<Backend>> graphs() {
        return integers()
                .between(1, 8)
                .flatMap(n -> lists().of(lists().of(integers().between(1, 10)).ofSizeBetween(0, 3))
                        .ofSize(n))
                .map(blockers -> {
                    List<Backend> backends = new ArrayList<>();
                    for (int i = 0; i < blockers.size(); i++) {
                        int pid = i + 1;
                        List<Integer> by = blockers.get(i).stream()
                                .filter(b -> b != pid)
                                .distinct()
                                .sorted()
                                .toList();
                        backends.add(backend(pid, by));
                    }
                    return backends;
                });
    }

    private static Backend backend(int pid, List<Integer> blockedBy) {
        return Backend.builder(pid)
                .waitingOnLock(!blockedBy.isEmpty())
                .backendStart(Instant.EPOCH)
                .duration(Duration.ZERO)
                .blockedBy(blockedBy)
                .build();
    }

    private static int pid(LockTreeNode node) {
        return node.blocker().pid().orElseThrow();
    }

    private static void edges(LockTreeNode node, Set<List<Integer>> into, List<Integer> nodes) {
        nodes.add(pid(node));
        for (Blocker also : node.alsoBlockedBy()) {
            into.add(List.of(also.pid().orElseThrow(), pid(node)));
        }
        for (LockTreeNode child : node.blocked()) {
            into.add(List.of(pid(node), pid(child)));
            edges(child, into, nodes);
        }
    }

    @Test
    void everyBlockingRelationAppearsAndNothingElse() {
        qt().withExamples(2_000).forAll(graphs()).checkAssert(backends -> {
            Set<Integer> present = new HashSet<>();
            backends.forEach(b -> present.add(b.pid()));
            Set<List<Integer>> expected = new HashSet<>();
            for (Backend waiter : backends) {
                for (int blocker : waiter.blockedBy()) {
                    if (present.contains(blocker)) {
                        expected.add(List.of(blocker, waiter.pid()));
                    }
                }
            }

            List<LockTreeNode> roots = LockTrees.build(backends);

            Set<List<Integer>> shown = new HashSet<>();
            List<Integer> nodes = new ArrayList<>();
            roots.forEach(root -> edges(root, shown, nodes));
            // Every blocking relation is shown once, as a parent-child edge or in alsoBlockedBy, and nothing
            // else; every backend appears once.
            assertThat(shown).isEqualTo(expected);
            assertThat(nodes).doesNotHaveDuplicates();
        });
    }

    @Test
    void everyBlockerThatWaitsForNobodyIsARoot() {
        qt().withExamples(2_000).forAll(graphs()).checkAssert(backends -> {
            Set<Integer> present = new HashSet<>();
            backends.forEach(b -> present.add(b.pid()));
            Set<Integer> freeBlockers = new HashSet<>();
            for (Backend b : backends) {
                boolean blocks = backends.stream().anyMatch(w -> w.blockedBy().contains(b.pid()));
                if (blocks && b.blockedBy().stream().noneMatch(present::contains)) {
                    freeBlockers.add(b.pid());
                }
            }

            List<LockTreeNode> roots = LockTrees.build(backends);

            assertThat(roots).extracting(LockTreesPropertyTest::pid).containsAll(freeBlockers);
        });
    }
}
