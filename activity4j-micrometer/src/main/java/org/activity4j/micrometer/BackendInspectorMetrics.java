package org.activity4j.micrometer;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.activity4j.core.BackendInspector;
import org.activity4j.micrometer.internal.BackendSample;
import org.activity4j.micrometer.internal.CallTimer;
import org.activity4j.micrometer.internal.Sampler;
import org.jspecify.annotations.Nullable;

/**
 * Gauges of a {@link BackendInspector}'s backends, sampled when the registry reads them: backends by state,
 * waiting and blocked backends, blockers, and the oldest query, transaction and idle-in-transaction ages.
 * Works for any inspector: the local PostgreSQL one and the remote temBoard client alike.
 *
 * <pre>{@code
 * BackendInspectorMetrics metrics = BackendInspectorMetrics.builder(inspector)
 *         .minInterval(Duration.ofSeconds(10))
 *         .tags(Tags.of("server", "db1"))
 *         .build();
 * metrics.bindTo(registry);
 * ...
 * metrics.close();   // when the service stops: ends the sampling thread
 * }</pre>
 *
 * <p><b>Sampling.</b> One {@link BackendInspector#activity()} call serves every gauge: a new sample starts
 * when a gauge is read and the last sample is at least {@link Builder#minInterval(Duration) minInterval} old
 * (5 s by default), so one scrape, and every scrape within the interval, makes one call. At most one call runs
 * at a time. A reading waits for a running call only until the call's start plus {@link
 * Builder#timeout(Duration) timeout} (2 s by default), so a scrape never hangs on a slow or unreachable
 * server; while a call that missed its deadline still runs, readings do not wait at all.
 *
 * <p><b>Errors</b> are counted, never thrown into the registry: a call that fails or misses its deadline
 * increments {@code activity4j.backends.sample.errors} with the exception's simple class name as tag {@code
 * exception} ({@code TimeoutException} for a missed deadline), once per call, and every gauge then reads NaN
 * (unknown) until the next successful sample. The call itself is not timed here; wrap the inspector in a
 * {@link MeteredBackendInspector} for that.
 *
 * <p><b>Meters</b> (each with the {@link Builder#tags(Iterable) tags} given):
 *
 * <ul>
 *   <li>{@code activity4j.backends} (gauge, backends), tag {@code state}: one of {@code pg_stat_activity}'s
 *       states ({@code active}, {@code idle}, {@code idle in transaction}, {@code idle in transaction
 *       (aborted)}, {@code fastpath function call}, {@code disabled}), {@code unknown} when the inspector's role
 *       cannot see it, {@code other} for a state this library does not know;
 *   <li>{@code activity4j.backends.waiting} (gauge): backends waiting for a heavyweight lock;
 *   <li>{@code activity4j.backends.blocked} (gauge): backends blocked by a backend or a prepared transaction;
 *   <li>{@code activity4j.blockers} (gauge): distinct backends and prepared transactions blocking others;
 *   <li>{@code activity4j.blockers.blocked.max} (gauge): the most backends one blocker blocks directly;
 *   <li>{@code activity4j.backends.query.age.max} (time gauge, seconds): the longest-running active query;
 *   <li>{@code activity4j.backends.transaction.age.max} (time gauge): the oldest transaction of an active or
 *       idle-in-transaction backend;
 *   <li>{@code activity4j.backends.idle.in.transaction.age.max} (time gauge): the longest time a backend has
 *       been idle in transaction;
 *   <li>{@code activity4j.backends.sample.errors} (counter), tag {@code exception}.
 * </ul>
 *
 * An age is 0 when no backend is in the state it is about, and NaN when such backends exist but the
 * inspector does not carry the time it needs (temBoard 7.x carries no transaction start). Ages are measured
 * against the server's clock when the sample tells it ({@code queryStart + duration}), else against {@link
 * Builder#clock(Clock) clock}.
 *
 * <p><b>Threads.</b> Calls run on the {@link Builder#executor(Executor) executor} given, or else on one
 * daemon thread of this binder's own ({@code activity4j-backend-sampler}), started by the first sample and
 * ended after 30 idle seconds and by {@link #close()}.
 *
 * <p>Thread-safe; it may be bound to several registries, which then share its samples.
 */
public final class BackendInspectorMetrics implements MeterBinder, AutoCloseable {
    private static final String ERRORS = "activity4j.backends.sample.errors";

    private final Tags tags;
    private final Clock clock;
    private final @Nullable ExecutorService ownExecutor;
    private final Sampler<BackendSample> sampler;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    private BackendInspectorMetrics(Builder b) {
        this.tags = b.tags;
        this.clock = b.clock;
        Executor executor;
        if (b.executor != null) {
            executor = b.executor;
            this.ownExecutor = null;
        } else {
            ThreadPoolExecutor own =
                    new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "activity4j-backend-sampler");
                        t.setDaemon(true);
                        return t;
                    });
            own.allowCoreThreadTimeOut(true);
            executor = own;
            this.ownExecutor = own;
        }
        BackendInspector inspector = b.inspector;
        this.sampler = new Sampler<>(
                () -> BackendSample.of(inspector.activity(), Instant.ofEpochMilli(clock.wallTime())),
                b.minInterval,
                b.timeout,
                executor,
                clock::monotonicTime,
                this::countError);
    }

    /** Gauges of {@code inspector} with the default options. */
    public static BackendInspectorMetrics of(BackendInspector inspector) {
        return builder(inspector).build();
    }

    /** A builder of gauges of {@code inspector}. */
    public static Builder builder(BackendInspector inspector) {
        return new Builder(inspector);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        registries.add(registry);
        for (String state : BackendSample.STATE_TAGS) {
            gauge("activity4j.backends", "Backends by state", s -> s.byState().getOrDefault(state, 0))
                    .tag("state", state)
                    .register(registry);
        }
        gauge("activity4j.backends.waiting", "Backends waiting for a lock", BackendSample::waiting)
                .register(registry);
        gauge(
                        "activity4j.backends.blocked",
                        "Backends blocked by a backend or prepared transaction",
                        BackendSample::blocked)
                .register(registry);
        gauge("activity4j.blockers", "Backends and prepared transactions that block others", BackendSample::blockers)
                .register(registry);
        gauge(
                        "activity4j.blockers.blocked.max",
                        "Most backends blocked directly by one blocker",
                        BackendSample::mostBlockedByOne)
                .register(registry);
        age(registry, "activity4j.backends.query.age.max", "Longest-running active query", BackendSample::queryAge);
        age(registry, "activity4j.backends.transaction.age.max", "Oldest transaction", BackendSample::transactionAge);
        age(
                registry,
                "activity4j.backends.idle.in.transaction.age.max",
                "Longest time a backend has been idle in transaction",
                BackendSample::idleInTransactionAge);
    }

    private Gauge.Builder<BackendInspectorMetrics> gauge(
            String name, String description, Function<BackendSample, Integer> value) {
        ToDoubleFunction<BackendInspectorMetrics> read =
                m -> m.sampler.current().map(s -> (double) value.apply(s)).orElse(Double.NaN);
        return Gauge.builder(name, this, read)
                .description(description)
                .baseUnit("backends")
                .tags(tags)
                .strongReference(true);
    }

    private void age(
            MeterRegistry registry,
            String name,
            String description,
            Function<BackendSample, Optional<Duration>> value) {
        ToDoubleFunction<BackendInspectorMetrics> read = m ->
                m.sampler.current().flatMap(value).map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
        TimeGauge.builder(name, this, TimeUnit.SECONDS, read)
                .description(description)
                .tags(tags)
                .strongReference(true)
                .register(registry);
    }

    private void countError(Throwable error) {
        for (MeterRegistry registry : registries) {
            Counter.builder(ERRORS)
                    .description("Samples of the backends that failed or did not finish in time")
                    .tags(tags)
                    .tag("exception", CallTimer.exceptionTag(error))
                    .register(registry)
                    .increment();
        }
    }

    /** Ends the binder's own sampling thread, if it has one (not an executor given to the builder). */
    @Override
    public void close() {
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
        }
    }

    /**
     * Options of {@link BackendInspectorMetrics}.
     *
     * <pre>{@code
     * BackendInspectorMetrics.builder(inspector).minInterval(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(3)).build();
     * }</pre>
     *
     * <p>Not thread-safe; the binder it builds is.
     */
    public static final class Builder {
        private final BackendInspector inspector;
        private Duration minInterval = Duration.ofSeconds(5);
        private Duration timeout = Duration.ofSeconds(2);
        private Tags tags = Tags.empty();
        private Clock clock = Clock.SYSTEM;
        private @Nullable Executor executor;

        private Builder(BackendInspector inspector) {
            this.inspector = Objects.requireNonNull(inspector, "inspector");
        }

        /**
         * The least time between the starts of two samples (5 s by default); readings in between get the last
         * sample. Keep it longer than a scrape takes, so that one scrape makes one call.
         *
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder minInterval(Duration minInterval) {
            this.minInterval = positive(minInterval, "minInterval");
            return this;
        }

        /**
         * How long after a sample's start readings wait for it (2 s by default); a sample not finished by then
         * reads as NaN and counts as a {@code TimeoutException} error.
         *
         * @throws IllegalArgumentException if it is not positive
         */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /** Tags added to every meter, e.g. {@code Tags.of("server", "db1")}. */
        public Builder tags(Iterable<Tag> tags) {
            this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
            return this;
        }

        /**
         * The clock of the minimum interval and the timeout (its monotonic time), and of the ages when no backend
         * tells the server's time (its wall time); {@link Clock#SYSTEM} by default.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Where the inspector's calls run, instead of the binder's own thread. The binder never shuts it down.
         * An executor that runs the call on the calling thread makes the scrape wait for the call, unbounded
         * by {@link #timeout(Duration)}.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** The binder. */
        public BackendInspectorMetrics build() {
            return new BackendInspectorMetrics(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + d);
            }
            return d;
        }
    }
}
