package org.activity4j.micrometer.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Times calls with one timer name, tagged {@code method}, {@code outcome} ({@code success} or {@code error})
 * and {@code exception} (the simple class name of what the call threw, {@code none} when it returned), as
 * Micrometer's own instrumentations tag them. What a call throws is rethrown unchanged.
 *
 * <p>Immutable and thread-safe.
 */
public final class CallTimer {
    private final MeterRegistry registry;
    private final String name;
    private final String description;
    private final Tags tags;

    /** A timer of calls named {@code name}, with {@code tags} on every meter. */
    public CallTimer(MeterRegistry registry, String name, String description, Tags tags) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.tags = Objects.requireNonNull(tags, "tags");
    }

    /** The registry the meters go to. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The tags of every meter. */
    public Tags tags() {
        return tags;
    }

    /** Runs {@code call}, timed as {@code method}. */
    public <T> T time(String method, Supplier<T> call) {
        Timer.Sample sample = Timer.start(registry);
        T result;
        try {
            result = call.get();
        } catch (RuntimeException | Error e) {
            sample.stop(timer(method, "error", exceptionTag(e)));
            throw e;
        }
        sample.stop(timer(method, "success", "none"));
        return result;
    }

    /** Runs {@code call}, timed as {@code method}. */
    public void run(String method, Runnable call) {
        time(method, () -> {
            call.run();
            return Boolean.TRUE;
        });
    }

    /** Starts timing a call that ends later, e.g. a stream; end it with {@link #stop}. */
    public Timer.Sample start() {
        return Timer.start(registry);
    }

    /** Ends {@code sample} as a call of {@code method}: a success, or an error when {@code failure} is present. */
    public void stop(Timer.Sample sample, String method, Optional<Throwable> failure) {
        sample.stop(failure.map(e -> timer(method, "error", exceptionTag(e)))
                .orElseGet(() -> timer(method, "success", "none")));
    }

    private Timer timer(String method, String outcome, String exception) {
        return Timer.builder(name)
                .description(description)
                .tags(tags)
                .tag("method", method)
                .tag("outcome", outcome)
                .tag("exception", exception)
                .register(registry);
    }

    /** The {@code exception} tag value of {@code error}: its simple class name (the full name if it has none). */
    public static String exceptionTag(Throwable error) {
        String simple = error.getClass().getSimpleName();
        return simple.isEmpty() ? error.getClass().getName() : simple;
    }
}
