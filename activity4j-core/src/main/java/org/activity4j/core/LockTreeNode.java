package org.activity4j.core;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.activity4j.core.internal.LockTrees;

/**
 * One blocker or blocked backend in a lock tree. The shape:
 *
 * <ul>
 *   <li>Every backend (and prepared transaction) of the trees appears exactly once in the whole forest.
 *   <li>A blocked backend is a child of the blocker it waits on directly that is deepest in the forest (the
 *       end of the longest chain; lowest id among equals); its other blockers are listed in {@link
 *       #alsoBlockedBy()}.
 *   <li>Roots are blockers that wait for nobody listed (a cycle that the deadlock detector has not broken yet
 *       is cut at one point, so its members still appear once).
 *   <li>Blockers of any kind are nodes: client backends, autovacuum and other background workers, prepared
 *       transactions ({@link Blocker#kind()}).
 * </ul>
 *
 * <pre>{@code
 * for (LockTreeNode root : inspector.lockTree()) {
 *     print(root, 0);
 * }
 * void print(LockTreeNode n, int depth) {
 *     System.out.println("  ".repeat(depth) + n.blocker().id() + " " + n.blocker().kind());
 *     n.blocked().forEach(c -> print(c, depth + 1));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param blocker the backend or prepared transaction of this node
 * @param alsoBlockedBy its blockers other than its parent, by id; empty for roots and singly blocked nodes
 * @param blocked the backends whose deepest blocker it is, each with its own subtree, by id
 */
public record LockTreeNode(Blocker blocker, List<Blocker> alsoBlockedBy, List<LockTreeNode> blocked) {
    public LockTreeNode {
        alsoBlockedBy = List.copyOf(alsoBlockedBy);
        blocked = List.copyOf(blocked);
    }

    /**
     * The lock trees of {@code backends} (of any type) by their {@link Backend#blockedBy()} pids and {@link
     * Backend#blockedByPrepared()} transactions, as the class describes them; blocker pids not among {@code
     * backends} are left out. Roots ordered by how many backends they block, most first, then by id. This is
     * what {@link BackendInspector#lockTree()} returns; remote inspectors use it on the client side.
     */
    public static List<LockTreeNode> from(List<Backend> backends) {
        return LockTrees.build(backends);
    }

    /** How many backends this one blocks, directly or transitively. */
    public int blockedCount() {
        Set<String> seen = new HashSet<>();
        collect(this, seen);
        return seen.size();
    }

    private static void collect(LockTreeNode node, Set<String> seen) {
        for (LockTreeNode child : node.blocked) {
            if (seen.add(child.blocker().id())) {
                collect(child, seen);
            }
        }
    }
}
