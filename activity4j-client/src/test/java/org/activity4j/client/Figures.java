package org.activity4j.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.activity4j.core.Backend;
import org.activity4j.core.Blocker;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockTreeNode;
import org.activity4j.core.LockWait;

/** The backends inside lock results, to check their OS figures. */
final class Figures {
    private Figures() {}

    static List<Backend> of(List<LockWait> waits) {
        return waits.stream().map(LockWait::backend).toList();
    }

    static List<Backend> ofHolders(List<LockHolder> holders) {
        List<Backend> result = new ArrayList<>();
        holders.forEach(h -> add(h.blocker(), result));
        return result;
    }

    /** Every backend of the forest, blockers and also-blocked-by, depth first, without recursion. */
    static List<Backend> ofTree(List<LockTreeNode> roots) {
        List<Backend> result = new ArrayList<>();
        Deque<LockTreeNode> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            LockTreeNode n = todo.pop();
            add(n.blocker(), result);
            n.alsoBlockedBy().forEach(b -> add(b, result));
            n.blocked().forEach(todo::push);
        }
        return result;
    }

    private static void add(Blocker b, List<Backend> into) {
        if (b instanceof Blocker.OfBackend of) {
            into.add(of.backend());
        }
    }

    static boolean known(Backend b) {
        return b.processStats().isKnown();
    }
}
