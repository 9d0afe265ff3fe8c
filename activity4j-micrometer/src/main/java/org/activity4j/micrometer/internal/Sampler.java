package org.activity4j.micrometer.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Serves the latest sample of a slow source to many readers: a new sample starts only when the last one has
 * finished and is at least the minimum interval old, so one call serves every reader in that interval; and a
 * reader waits for a running sample only until the sample's start plus the timeout, so no reader waits longer
 * than the timeout, and readers after it do not wait at all while that sample still runs. At most one call of
 * the source runs at a time.
 *
 * <p>A sample that fails or misses its deadline reads as empty (unknown), and is reported to {@code onError}
 * once: the source's exception, or a {@link TimeoutException}.
 *
 * <p>Thread-safe.
 *
 * @param <T> what a sample gives
 */
public final class Sampler<T> {
    private final Supplier<T> source;
    private final long minIntervalNanos;
    private final long timeoutNanos;
    private final Executor executor;
    private final LongSupplier nanoTime;
    private final Consumer<Throwable> onError;
    private @Nullable Attempt<T> latest;

    /**
     * A sampler of {@code source}, run on {@code executor}, timed by {@code nanoTime} (monotonic nanoseconds).
     *
     * @throws IllegalArgumentException if {@code minInterval} or {@code timeout} is not positive
     */
    public Sampler(
            Supplier<T> source,
            Duration minInterval,
            Duration timeout,
            Executor executor,
            LongSupplier nanoTime,
            Consumer<Throwable> onError) {
        this.source = Objects.requireNonNull(source, "source");
        this.minIntervalNanos = positive(minInterval, "minInterval").toNanos();
        this.timeoutNanos = positive(timeout, "timeout").toNanos();
        this.executor = Objects.requireNonNull(executor, "executor");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.onError = Objects.requireNonNull(onError, "onError");
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }

    /** The current sample; starts a new one if due; empty if it failed or did not finish in time. */
    public Optional<T> current() {
        Attempt<T> attempt = attempt();
        long remaining = attempt.startNanos + timeoutNanos - nanoTime.getAsLong();
        try {
            return Optional.of(attempt.result.get(Math.max(0, remaining), TimeUnit.NANOSECONDS));
        } catch (ExecutionException e) {
            attempt.report(e.getCause() == null ? e : e.getCause(), onError);
        } catch (TimeoutException e) {
            attempt.report(
                    new TimeoutException("the sample did not finish within " + Duration.ofNanos(timeoutNanos)),
                    onError);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    private synchronized Attempt<T> attempt() {
        long now = nanoTime.getAsLong();
        Attempt<T> attempt = latest;
        if (attempt == null || (attempt.result.isDone() && now - attempt.startNanos >= minIntervalNanos)) {
            attempt = new Attempt<>(now, start());
            latest = attempt;
        }
        return attempt;
    }

    private CompletableFuture<T> start() {
        try {
            return CompletableFuture.supplyAsync(source, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static final class Attempt<T> {
        final long startNanos;
        final CompletableFuture<T> result;
        private final AtomicBoolean reported = new AtomicBoolean();

        Attempt(long startNanos, CompletableFuture<T> result) {
            this.startNanos = startNanos;
            this.result = result;
        }

        void report(Throwable error, Consumer<Throwable> onError) {
            if (reported.compareAndSet(false, true)) {
                onError.accept(error);
            }
        }
    }
}
