package org.activity4j.core;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.activity4j.core.internal.LockTrees;

/**
 * One backend in a lock tree: the backends it blocks directly are its children, and theirs are the
 * backends it blocks transitively. A backend blocked by two others appears under both.
 *
 * <pre>{@code
 * for (LockTreeNode root : inspector.lockTree()) {    // root blockers: they wait for nobody
 *     print(root, 0);
 * }
 * void print(LockTreeNode n, int depth) {
 *     System.out.println("  ".repeat(depth) + n.backend().pid());
 *     n.blocked().forEach(c -> print(c, depth + 1));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param backend the backend
 * @param blocked the backends it blocks directly, each with its own subtree, by pid
 */
public record LockTreeNode(Backend backend, List<LockTreeNode> blocked) {
    public LockTreeNode {
        blocked = List.copyOf(blocked);
    }

    /**
     * The lock trees of {@code backends} by their {@link Backend#blockedBy()} pids: the roots block others
     * and wait for none of the listed backends, ordered by how many backends they block, most first. This is
     * what {@link BackendInspector#lockTree()} returns for the backends of {@link BackendInspector#activity()};
     * remote inspectors use it to build the tree on the client side.
     */
    public static List<LockTreeNode> from(List<Backend> backends) {
        return LockTrees.build(backends);
    }

    /** How many backends this one blocks, directly or transitively, counted once each. */
    public int blockedCount() {
        Set<Integer> seen = new HashSet<>();
        collect(this, seen);
        return seen.size();
    }

    private static void collect(LockTreeNode node, Set<Integer> seen) {
        for (LockTreeNode child : node.blocked) {
            if (seen.add(child.backend().pid())) {
                collect(child, seen);
            }
        }
    }
}
