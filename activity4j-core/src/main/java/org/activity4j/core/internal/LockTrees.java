package org.activity4j.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.activity4j.core.Backend;
import org.activity4j.core.Blocker;
import org.activity4j.core.LockTreeNode;
import org.activity4j.core.PreparedTransaction;
import org.jspecify.annotations.Nullable;

/** Builds lock trees from backends and their blockers, in the shape {@link LockTreeNode} documents. */
public final class LockTrees {
    private LockTrees() {}

    /** Backends by pid, then prepared transactions by gid. */
    public static final Comparator<Blocker> ORDER = Comparator.comparing(
                    (Blocker b) -> b.pid().isEmpty())
            .thenComparingInt(b -> b.pid().orElse(0))
            .thenComparing(Blocker::id);

    /** The lock trees of {@code backends}, as {@link LockTreeNode#from(List)} documents them. */
    public static List<LockTreeNode> build(List<Backend> backends) {
        Map<String, Blocker> nodes = new LinkedHashMap<>();
        backends.forEach(b -> nodes.put("pid:" + b.pid(), new Blocker.OfBackend(b)));
        Map<String, List<String>> blockersOf = new HashMap<>();
        for (Backend waiter : backends) {
            List<Blocker> blockers = new ArrayList<>();
            for (int pid : waiter.blockedBy()) {
                Blocker b = nodes.get("pid:" + pid);
                if (b != null && pid != waiter.pid()) {
                    blockers.add(b);
                }
            }
            for (PreparedTransaction p : waiter.blockedByPrepared()) {
                Blocker b = nodes.computeIfAbsent("gid:" + p.gid(), k -> new Blocker.OfPreparedTransaction(p));
                blockers.add(b);
            }
            if (!blockers.isEmpty()) {
                blockers.sort(ORDER);
                blockersOf.put(
                        "pid:" + waiter.pid(),
                        blockers.stream().map(Blocker::id).distinct().toList());
            }
        }
        Set<String> participants = new HashSet<>(blockersOf.keySet());
        blockersOf.values().forEach(participants::addAll);
        Map<String, Integer> depth = new HashMap<>();
        Map<String, String> parent = new HashMap<>();
        List<Blocker> ordered = participants.stream()
                .map(nodes::get)
                .filter(b -> b != null)
                .sorted(ORDER)
                .toList();
        for (Blocker b : ordered) {
            depth(b.id(), blockersOf, depth, parent, new HashSet<>());
        }
        Map<String, List<String>> children = new HashMap<>();
        for (Blocker b : ordered) {
            String p = parent.get(b.id());
            if (p != null) {
                children.computeIfAbsent(p, k -> new ArrayList<>()).add(b.id());
            }
        }
        List<LockTreeNode> roots = new ArrayList<>();
        for (Blocker b : ordered) {
            if (!parent.containsKey(b.id())) {
                roots.add(node(b.id(), nodes, blockersOf, parent, children));
            }
        }
        roots.sort(Comparator.comparingInt(LockTreeNode::blockedCount)
                .reversed()
                .thenComparing(LockTreeNode::blocker, ORDER));
        return List.copyOf(roots);
    }

    /** The length of the longest chain of blockers above {@code id}; records its deepest blocker as parent. */
    private static int depth(
            String id,
            Map<String, List<String>> blockersOf,
            Map<String, Integer> depth,
            Map<String, String> parent,
            Set<String> inProgress) {
        Integer known = depth.get(id);
        if (known != null) {
            return known;
        }
        inProgress.add(id);
        int best = -1;
        @Nullable String deepest = null;
        for (String blocker : blockersOf.getOrDefault(id, List.of())) {
            if (inProgress.contains(blocker)) {
                continue; // a cycle: cut here
            }
            int d = depth(blocker, blockersOf, depth, parent, inProgress);
            if (d > best) {
                best = d;
                deepest = blocker;
            }
        }
        inProgress.remove(id);
        if (deepest != null) {
            parent.put(id, deepest);
        }
        depth.put(id, best + 1);
        return best + 1;
    }

    private static LockTreeNode node(
            String id,
            Map<String, Blocker> nodes,
            Map<String, List<String>> blockersOf,
            Map<String, String> parent,
            Map<String, List<String>> children) {
        String p = parent.get(id);
        List<Blocker> also = blockersOf.getOrDefault(id, List.of()).stream()
                .filter(b -> !b.equals(p))
                .map(nodes::get)
                .toList();
        List<LockTreeNode> blocked = new ArrayList<>();
        for (String child : children.getOrDefault(id, List.of())) {
            blocked.add(node(child, nodes, blockersOf, parent, children));
        }
        Blocker self = nodes.get(id);
        if (self == null) {
            throw new IllegalStateException("no node " + id);
        }
        return new LockTreeNode(self, also, blocked);
    }
}
