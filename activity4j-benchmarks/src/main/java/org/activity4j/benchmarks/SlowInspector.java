package org.activity4j.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.activity4j.core.Backend;
import org.activity4j.core.BackendInspector;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockTreeNode;
import org.activity4j.core.LockWait;
import org.activity4j.core.SignalResult;

/**
 * A {@link BackendInspector} over a fixed list of backends that waits {@link ServiceLatency} before each
 * call: what a temBoard agent's inspector costs without a PostgreSQL in the benchmark's JVM.
 */
final class SlowInspector implements BackendInspector {
    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");

    private final List<Backend> backends;
    private final ServiceLatency latency;

    SlowInspector(int backends, ServiceLatency latency) {
        List<Backend> rows = new ArrayList<>();
        for (int i = 0; i < backends; i++) {
            rows.add(backend(7000 + i));
        }
        this.backends = List.copyOf(rows);
        this.latency = latency;
    }

    @Override
    public List<Backend> activity() {
        latency.await();
        return backends;
    }

    @Override
    public List<LockWait> waiting() {
        latency.await();
        return List.of();
    }

    @Override
    public List<LockHolder> blocking() {
        latency.await();
        return List.of();
    }

    @Override
    public List<LockTreeNode> lockTree() {
        return LockTreeNode.from(activity());
    }

    @Override
    public List<SignalResult> terminate(List<Integer> pids) {
        return signal(pids);
    }

    @Override
    public List<SignalResult> cancel(List<Integer> pids) {
        return signal(pids);
    }

    private List<SignalResult> signal(List<Integer> pids) {
        latency.await();
        List<SignalResult> results = new ArrayList<>();
        for (int pid : pids) {
            results.add(SignalResult.of(pid, SignalResult.Outcome.NOT_A_BACKEND));
        }
        return results;
    }

    private static Backend backend(int pid) {
        Instant queryStart = START.plusSeconds(pid % 60);
        return Backend.builder(pid)
                .database("app" + pid % 7)
                .user("user" + pid % 13)
                .applicationName("psql")
                .clientAddress("10.0.0." + pid % 250)
                .backendType("client backend")
                .state(pid % 5 == 0 ? "active" : "idle")
                .query("SELECT * FROM orders WHERE customer_id = " + pid + " AND status = 'open'")
                .queryStart(queryStart)
                .transactionStart(queryStart)
                .backendStart(START)
                .stateChange(queryStart)
                .duration(Duration.ofMillis(pid * 37L))
                .build();
    }
}
