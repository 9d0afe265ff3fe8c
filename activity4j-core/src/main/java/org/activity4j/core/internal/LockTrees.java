package org.activity4j.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.activity4j.core.Backend;
import org.activity4j.core.LockTreeNode;

/** Builds lock trees from backends and their {@code blockedBy} pids. */
public final class LockTrees {
    private LockTrees() {}

    /** The lock trees of {@code backends}, as {@link LockTreeNode#from(List)} documents them. */
    public static List<LockTreeNode> build(List<Backend> backends) {
        Map<Integer, Backend> byPid = new LinkedHashMap<>();
        backends.forEach(b -> byPid.put(b.pid(), b));
        Map<Integer, List<Integer>> blocks = new TreeMap<>();
        for (Backend waiter : backends) {
            for (int blocker : waiter.blockedBy()) {
                if (byPid.containsKey(blocker)) {
                    blocks.computeIfAbsent(blocker, k -> new ArrayList<>()).add(waiter.pid());
                }
            }
        }
        blocks.values().forEach(list -> list.sort(Comparator.naturalOrder()));
        List<LockTreeNode> roots = new ArrayList<>();
        Set<Integer> reached = new HashSet<>();
        for (int blocker : blocks.keySet()) {
            if (Objects.requireNonNull(byPid.get(blocker)).blockedBy().stream().noneMatch(byPid::containsKey)) {
                roots.add(node(blocker, byPid, blocks, new HashSet<>(), reached));
            }
        }
        // Blockers that all wait on each other (a cycle not yet broken by the deadlock detector).
        for (int blocker : blocks.keySet()) {
            if (!reached.contains(blocker)) {
                roots.add(node(blocker, byPid, blocks, new HashSet<>(), reached));
            }
        }
        roots.sort(Comparator.comparingInt(LockTreeNode::blockedCount).reversed());
        return List.copyOf(roots);
    }

    private static LockTreeNode node(
            int pid,
            Map<Integer, Backend> byPid,
            Map<Integer, List<Integer>> blocks,
            Set<Integer> path,
            Set<Integer> reached) {
        reached.add(pid);
        path.add(pid);
        List<LockTreeNode> children = new ArrayList<>();
        for (int child : blocks.getOrDefault(pid, List.of())) {
            if (!path.contains(child)) {
                children.add(node(child, byPid, blocks, path, reached));
            }
        }
        path.remove(pid);
        return new LockTreeNode(Objects.requireNonNull(byPid.get(pid)), children);
    }
}
