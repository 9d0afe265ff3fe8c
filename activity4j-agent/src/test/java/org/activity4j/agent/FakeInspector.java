package org.activity4j.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.activity4j.core.Backend;
import org.activity4j.core.BackendInspector;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockTreeNode;
import org.activity4j.core.LockWait;
import org.activity4j.core.SignalResult;

/**
 * A hand-written {@link BackendInspector} for tests without PostgreSQL: one active backend (pid 100) and
 * one that never ran a query (pid 101); pids 100 and 101 are signalled, {@link #SUPERUSER_PID} is refused,
 * every other pid is not a backend.
 */
final class FakeInspector implements BackendInspector {
    static final int SUPERUSER_PID = 200;

    private static final Instant START = Instant.parse("2024-05-01T10:00:00Z");
    private static final String PLAIN = "without figures";

    /** Each reading call, as the view's name and the method's ({@code "with figures activity"}). */
    final List<String> calls;

    private final String view;

    FakeInspector() {
        this("with figures", Collections.synchronizedList(new ArrayList<>()));
    }

    private FakeInspector(String view, List<String> calls) {
        this.view = view;
        this.calls = calls;
    }

    /** A view recording its calls as {@code "without figures ..."} in the same list; its rows are the same. */
    @Override
    public BackendInspector withoutProcessStats() {
        return view.equals(PLAIN) ? this : new FakeInspector(PLAIN, calls);
    }

    @Override
    public List<Backend> activity() {
        calls.add(view + " activity");
        return List.of(backend(100, "SELECT pg_sleep(60)", Optional.of(START)), backend(101, "", Optional.empty()));
    }

    @Override
    public List<LockWait> waiting() {
        calls.add(view + " waiting");
        return List.of();
    }

    @Override
    public List<LockHolder> blocking() {
        calls.add(view + " blocking");
        return List.of();
    }

    @Override
    public List<LockTreeNode> lockTree() {
        return List.of();
    }

    @Override
    public List<SignalResult> terminate(List<Integer> pids) {
        return signal(pids);
    }

    @Override
    public List<SignalResult> cancel(List<Integer> pids) {
        return signal(pids);
    }

    private static List<SignalResult> signal(List<Integer> pids) {
        List<SignalResult> results = new ArrayList<>();
        for (int pid : pids) {
            SignalResult.Outcome outcome = Set.of(100, 101).contains(pid)
                    ? SignalResult.Outcome.SIGNALLED
                    : pid == SUPERUSER_PID
                            ? SignalResult.Outcome.INSUFFICIENT_PRIVILEGE
                            : SignalResult.Outcome.NOT_A_BACKEND;
            results.add(SignalResult.of(pid, outcome));
        }
        return results;
    }

    private static Backend backend(int pid, String query, Optional<Instant> queryStart) {
        return Backend.builder(pid)
                .database("app")
                .user("alice")
                .applicationName("psql")
                .clientAddress("127.0.0.1")
                .backendType("client backend")
                .state(query.isEmpty() ? "idle" : "active")
                .query(query)
                .queryStart(queryStart)
                .backendStart(START)
                .stateChange(START)
                .duration(queryStart.map(start -> Duration.ofMillis(12_345)))
                .build();
    }
}
