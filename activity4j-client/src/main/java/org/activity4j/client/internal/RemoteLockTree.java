package org.activity4j.client.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.activity4j.core.Backend;
import org.activity4j.core.Blocker;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockTreeNode;
import org.activity4j.core.LockWait;
import org.activity4j.core.PreparedTransaction;

/**
 * The lock forest of a remote inspector's waits and holders: every waiter and every backend blocker, with the
 * waiters' blockers, as {@link LockTreeNode#from(List)} builds it. Stateless.
 */
public final class RemoteLockTree {
    private RemoteLockTree() {}

    public static List<LockTreeNode> from(List<LockWait> waits, List<LockHolder> holders) {
        Map<Integer, Backend> byPid = new LinkedHashMap<>();
        for (LockHolder h : holders) {
            if (h.blocker() instanceof Blocker.OfBackend b) {
                byPid.putIfAbsent(b.backend().pid(), b.backend());
            }
        }
        Map<Integer, TreeSet<Integer>> blockers = new HashMap<>();
        Map<Integer, List<PreparedTransaction>> prepared = new HashMap<>();
        for (LockWait w : waits) {
            byPid.put(w.backend().pid(), w.backend());
            blockers.computeIfAbsent(w.backend().pid(), k -> new TreeSet<>()).addAll(w.blockedBy());
            if (!w.blockedByPrepared().isEmpty()) {
                prepared.put(w.backend().pid(), w.blockedByPrepared());
            }
        }
        List<Backend> backends = new ArrayList<>();
        for (Backend b : byPid.values()) {
            TreeSet<Integer> by = blockers.get(b.pid());
            Backend.Builder builder = b.toBuilder();
            if (by != null) {
                builder.blockedBy(List.copyOf(by));
            }
            builder.blockedByPrepared(prepared.getOrDefault(b.pid(), b.blockedByPrepared()));
            backends.add(builder.build());
        }
        return LockTreeNode.from(backends);
    }
}
