package org.activity4j.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.activity4j.core.Backend;
import org.activity4j.core.BackendInspector;
import org.activity4j.core.LockHolder;
import org.activity4j.core.LockTreeNode;
import org.activity4j.core.LockWait;
import org.activity4j.core.SignalResult;
import org.activity4j.micrometer.internal.CallTimer;

/**
 * A {@link BackendInspector} that times every call of another: the local PostgreSQL inspector's queries or
 * the temBoard client's remote calls, with their errors by type.
 *
 * <pre>{@code
 * BackendInspector remote = TemboardAgentClient.builder(uri).credentials(user, password).build();
 * BackendInspector inspector = MeteredBackendInspector.of(remote, registry, Tags.of("peer", "temboard"));
 * inspector.activity();
 * }</pre>
 *
 * <p><b>Meters</b> (each with the tags given):
 *
 * <ul>
 *   <li>{@code activity4j.inspector.calls} (timer), tags {@code method} ({@code activity}, {@code waiting},
 *       {@code blocking}, {@code lockTree}, {@code terminate}, {@code cancel}), {@code outcome} ({@code success}
 *       or {@code error}) and {@code exception} (the simple class name of what the call threw, e.g. {@code
 *       BackendUnavailableException}; {@code none} when it returned);
 *   <li>{@code activity4j.inspector.signals} (counter), tags {@code signal} ({@code terminate} or {@code
 *       cancel}) and {@code outcome} (the {@link SignalResult.Outcome} in lower case: {@code signalled}, {@code
 *       not_a_backend}, {@code insufficient_privilege}, {@code own_connection}): one per pid of a call that
 *       returned.
 * </ul>
 *
 * What the wrapped inspector throws is rethrown unchanged.
 *
 * <p>Immutable and thread-safe if the wrapped inspector is.
 */
public final class MeteredBackendInspector implements BackendInspector {
    private final BackendInspector inspector;
    private final CallTimer timer;

    private MeteredBackendInspector(BackendInspector inspector, CallTimer timer) {
        this.inspector = Objects.requireNonNull(inspector, "inspector");
        this.timer = timer;
    }

    /** {@code inspector}, metered in {@code registry}. */
    public static MeteredBackendInspector of(BackendInspector inspector, MeterRegistry registry) {
        return of(inspector, registry, Tags.empty());
    }

    /** {@code inspector}, metered in {@code registry} with {@code tags} on every meter. */
    public static MeteredBackendInspector of(BackendInspector inspector, MeterRegistry registry, Iterable<Tag> tags) {
        return new MeteredBackendInspector(
                inspector,
                new CallTimer(
                        Objects.requireNonNull(registry, "registry"),
                        "activity4j.inspector.calls",
                        "Calls of a backend inspector",
                        Tags.of(Objects.requireNonNull(tags, "tags"))));
    }

    @Override
    public List<Backend> activity() {
        return timer.time("activity", inspector::activity);
    }

    @Override
    public List<LockWait> waiting() {
        return timer.time("waiting", inspector::waiting);
    }

    @Override
    public List<LockHolder> blocking() {
        return timer.time("blocking", inspector::blocking);
    }

    @Override
    public List<LockTreeNode> lockTree() {
        return timer.time("lockTree", inspector::lockTree);
    }

    @Override
    public List<SignalResult> terminate(List<Integer> pids) {
        return counted("terminate", timer.time("terminate", () -> inspector.terminate(pids)));
    }

    @Override
    public List<SignalResult> cancel(List<Integer> pids) {
        return counted("cancel", timer.time("cancel", () -> inspector.cancel(pids)));
    }

    /**
     * The wrapped inspector's {@link BackendInspector#withoutProcessStats() view without OS figures}, metered by
     * the same meters as this one; {@code this} when the wrapped inspector's view is itself.
     */
    @Override
    // Identity, not equality: the contract is "the view is the inspector itself", and inspectors are not values.
    @SuppressWarnings("ReferenceEquality")
    public BackendInspector withoutProcessStats() {
        BackendInspector view = inspector.withoutProcessStats();
        return view == inspector ? this : new MeteredBackendInspector(view, timer);
    }

    private List<SignalResult> counted(String signal, List<SignalResult> results) {
        for (SignalResult r : results) {
            Counter.builder("activity4j.inspector.signals")
                    .description("Signals asked of backends, by outcome")
                    .baseUnit("signals")
                    .tags(timer.tags())
                    .tag("signal", signal)
                    .tag("outcome", r.outcome().name().toLowerCase(Locale.ROOT))
                    .register(timer.registry())
                    .increment();
        }
        return results;
    }

    @Override
    public String toString() {
        return "metered " + inspector;
    }
}
