package org.activity4j.micrometer;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.activity4j.core.Backend;
import org.activity4j.core.BackendInspector;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockTreeNode;
import org.activity4j.core.LockWait;
import org.activity4j.core.SignalResult;

/** An inspector whose {@link #activity()} answers from a supplier and counts its calls; signals answer given results. */
class FakeInspector implements BackendInspector {
    final AtomicInteger activityCalls = new AtomicInteger();
    private final Supplier<List<Backend>> backends;
    private final List<SignalResult> signals;

    FakeInspector(Supplier<List<Backend>> backends, List<SignalResult> signals) {
        this.backends = backends;
        this.signals = signals;
    }

    FakeInspector(List<Backend> backends) {
        this(() -> backends, List.of());
    }

    @Override
    public List<Backend> activity() {
        activityCalls.incrementAndGet();
        return backends.get();
    }

    @Override
    public List<LockWait> waiting() {
        return List.of();
    }

    @Override
    public List<LockHolder> blocking() {
        return List.of();
    }

    @Override
    public List<LockTreeNode> lockTree() {
        return LockTreeNode.from(backends.get());
    }

    @Override
    public List<SignalResult> terminate(List<Integer> pids) {
        return signals;
    }

    @Override
    public List<SignalResult> cancel(List<Integer> pids) {
        return signals;
    }
}
