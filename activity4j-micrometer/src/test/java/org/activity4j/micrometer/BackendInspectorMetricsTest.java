package org.activity4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.activity4j.core.Backend;
import org.activity4j.core.BackendUnavailableException;
import org.junit.jupiter.api.Test;

class BackendInspectorMetricsTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MockClock clock = new MockClock();

    private static List<Backend> backends() {
        return List.of(
                Backend.builder(10)
                        .state("active")
                        .queryStart(T0)
                        .transactionStart(T0.minusSeconds(20))
                        .duration(Duration.ofSeconds(7))
                        .build(),
                Backend.builder(11)
                        .state("idle in transaction")
                        .queryStart(T0)
                        .transactionStart(T0.minusSeconds(3))
                        .stateChange(T0.plusSeconds(1))
                        .duration(Duration.ofSeconds(7))
                        .build(),
                Backend.builder(12).state("idle").build());
    }

    /** Reads every meter of the registry, as one scrape does. */
    private void scrape() {
        for (Meter meter : registry.getMeters()) {
            meter.measure().forEach(m -> m.getValue());
        }
    }

    private double gauge(String name, String... tags) {
        return registry.get(name).tags(tags).gauge().value();
    }

    private double seconds(String name) {
        return registry.get(name).timeGauge().value(TimeUnit.SECONDS);
    }

    @Test
    void gaugesShowTheSampledBackends() {
        try (BackendInspectorMetrics metrics = BackendInspectorMetrics.builder(new FakeInspector(backends()))
                .clock(clock)
                .build()) {
            metrics.bindTo(registry);

            assertThat(gauge("activity4j.backends", "state", "active")).isEqualTo(1);
            assertThat(gauge("activity4j.backends", "state", "idle in transaction"))
                    .isEqualTo(1);
            assertThat(gauge("activity4j.backends", "state", "idle")).isEqualTo(1);
            assertThat(gauge("activity4j.backends", "state", "unknown")).isZero();
            assertThat(seconds("activity4j.backends.query.age.max")).isEqualTo(7);
            // Server's now = queryStart + duration = T0 + 7 s.
            assertThat(seconds("activity4j.backends.transaction.age.max")).isEqualTo(27);
            assertThat(seconds("activity4j.backends.idle.in.transaction.age.max"))
                    .isEqualTo(6);
        }
    }

    @Test
    void oneInspectorCallServesEveryGaugeOfAScrape() {
        FakeInspector inspector = new FakeInspector(backends());
        try (BackendInspectorMetrics metrics =
                BackendInspectorMetrics.builder(inspector).clock(clock).build()) {
            metrics.bindTo(registry);

            scrape();

            assertThat(registry.getMeters()).hasSizeGreaterThan(10);
            assertThat(inspector.activityCalls).hasValue(1);
        }
    }

    @Test
    void aNewSampleStartsOnlyAfterTheMinimumInterval() {
        FakeInspector inspector = new FakeInspector(backends());
        try (BackendInspectorMetrics metrics = BackendInspectorMetrics.builder(inspector)
                .clock(clock)
                .minInterval(Duration.ofSeconds(10))
                .build()) {
            metrics.bindTo(registry);

            scrape();
            clock.add(Duration.ofSeconds(9));
            scrape();
            assertThat(inspector.activityCalls).hasValue(1);

            clock.add(Duration.ofSeconds(1));
            scrape();
            scrape();
            assertThat(inspector.activityCalls).hasValue(2);
        }
    }

    @Test
    void aFailingInspectorIsCountedByTypeAndReadsAsNaN() {
        FakeInspector inspector = new FakeInspector(
                () -> {
                    throw new BackendUnavailableException("server down", new IllegalStateException("refused"));
                },
                List.of());
        try (BackendInspectorMetrics metrics = BackendInspectorMetrics.builder(inspector)
                .clock(clock)
                .tags(Tags.of("server", "db1"))
                .build()) {
            metrics.bindTo(registry);

            scrape();

            assertThat(gauge("activity4j.backends.waiting", "server", "db1")).isNaN();
            assertThat(seconds("activity4j.backends.query.age.max")).isNaN();
            assertThat(registry.get("activity4j.backends.sample.errors")
                            .tags("exception", "BackendUnavailableException", "server", "db1")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(inspector.activityCalls).hasValue(1);
        }
    }

    @Test
    void aHangingInspectorBoundsTheScrapeAndIsCalledOnce() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        FakeInspector inspector = new FakeInspector(
                () -> {
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return backends();
                },
                List.of());
        try (BackendInspectorMetrics metrics = BackendInspectorMetrics.builder(inspector)
                .timeout(Duration.ofMillis(200))
                .minInterval(Duration.ofMillis(1))
                .build()) {
            metrics.bindTo(registry);

            scrape();
            scrape();

            assertThat(gauge("activity4j.backends", "state", "active")).isNaN();
            assertThat(registry.get("activity4j.backends.sample.errors")
                            .tag("exception", "TimeoutException")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(inspector.activityCalls).hasValue(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void aClosedBinderCountsTheRefusedSample() {
        FakeInspector inspector = new FakeInspector(backends());
        BackendInspectorMetrics metrics =
                BackendInspectorMetrics.builder(inspector).clock(clock).build();
        metrics.bindTo(registry);
        metrics.close();

        Gauge waiting = registry.get("activity4j.backends.waiting").gauge();

        assertThat(waiting.value()).isNaN();
        assertThat(registry.get("activity4j.backends.sample.errors")
                        .tag("exception", "RejectedExecutionException")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(inspector.activityCalls).hasValue(0);
    }

    @Test
    void twoRegistriesShareOneSample() {
        FakeInspector inspector = new FakeInspector(backends());
        SimpleMeterRegistry other = new SimpleMeterRegistry();
        try (BackendInspectorMetrics metrics =
                BackendInspectorMetrics.builder(inspector).clock(clock).build()) {
            metrics.bindTo(registry);
            metrics.bindTo(other);

            TimeGauge age = other.get("activity4j.backends.query.age.max").timeGauge();

            assertThat(gauge("activity4j.backends", "state", "active")).isEqualTo(1);
            assertThat(age.value(TimeUnit.SECONDS)).isEqualTo(7);
            assertThat(inspector.activityCalls).hasValue(1);
        }
    }

    @Test
    void refusesAnIntervalOrTimeoutThatIsNotPositive() {
        BackendInspectorMetrics.Builder builder = BackendInspectorMetrics.builder(new FakeInspector(List.of()));

        assertThatThrownBy(() -> builder.minInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("minInterval must be positive: PT0S");
        assertThatThrownBy(() -> builder.timeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be positive: PT-1S");
    }
}
