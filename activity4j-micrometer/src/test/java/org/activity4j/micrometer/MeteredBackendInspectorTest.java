package org.activity4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.activity4j.core.BackendInspector;
import org.activity4j.core.BackendUnavailableException;
import org.activity4j.core.SignalResult;
import org.activity4j.core.SignalResult.Outcome;
import org.junit.jupiter.api.Test;

class MeteredBackendInspectorTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void countsSignalsByOutcome() {
        BackendInspector inspector = MeteredBackendInspector.of(
                new FakeInspector(
                        List::of,
                        List.of(
                                SignalResult.of(1, Outcome.SIGNALLED),
                                SignalResult.of(2, Outcome.NOT_A_BACKEND),
                                SignalResult.of(3, Outcome.SIGNALLED))),
                registry);

        inspector.cancel(List.of(1, 2, 3));

        assertThat(registry.get("activity4j.inspector.signals")
                        .tags("signal", "cancel", "outcome", "signalled")
                        .counter()
                        .count())
                .isEqualTo(2);
        assertThat(registry.get("activity4j.inspector.signals")
                        .tags("signal", "cancel", "outcome", "not_a_backend")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("activity4j.inspector.calls")
                        .tags("method", "cancel", "outcome", "success", "exception", "none")
                        .timer()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void viewWithoutProcessStatsIsTheWrappedViewMeteredTheSame() {
        FakeInspector plain = new FakeInspector(List.of());
        FakeInspector withFigures = new FakeInspector(List.of()) {
            @Override
            public BackendInspector withoutProcessStats() {
                return plain;
            }
        };
        BackendInspector metered = MeteredBackendInspector.of(withFigures, registry);

        BackendInspector view = metered.withoutProcessStats();
        view.activity();
        metered.activity();

        assertThat(plain.activityCalls).hasValue(1);
        assertThat(withFigures.activityCalls).hasValue(1);
        assertThat(registry.get("activity4j.inspector.calls")
                        .tags("method", "activity", "outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(2);
        assertThat(view.toString()).isEqualTo("metered " + plain);
    }

    @Test
    void viewOfAnInspectorWithoutFiguresIsItself() {
        BackendInspector metered = MeteredBackendInspector.of(new FakeInspector(List.of()), registry);

        assertThat(metered.withoutProcessStats()).isSameAs(metered);
    }

    @Test
    void tagsErrorsByExceptionTypeAndRethrowsThem() {
        BackendUnavailableException down = new BackendUnavailableException("down", new IllegalStateException("x"));
        BackendInspector inspector = MeteredBackendInspector.of(
                new FakeInspector(
                        () -> {
                            throw down;
                        },
                        List.of()),
                registry);

        assertThatThrownBy(inspector::activity).isSameAs(down);

        assertThat(registry.get("activity4j.inspector.calls")
                        .tags("method", "activity", "outcome", "error", "exception", "BackendUnavailableException")
                        .timer()
                        .count())
                .isEqualTo(1);
    }
}
