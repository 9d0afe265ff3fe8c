package org.activity4j.core;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
