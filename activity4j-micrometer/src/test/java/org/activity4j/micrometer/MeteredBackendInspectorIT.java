package org.activity4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import javax.sql.DataSource;
import org.activity4j.core.BackendInspector;
import org.activity4j.testkit.BackendInspectorContract;
import org.activity4j.testkit.PostgresMatrixEnds;
import org.activity4j.testkit.PostgresMatrixTest;
import org.activity4j.testkit.TestDatabase;
import org.activity4j.testkit.TestSession;

/**
 * The metered PostgreSQL inspector passes the inspector contract (it changes nothing) and counts its calls, on the
 * oldest and the newest PostgreSQL of the matrix ({@link PostgresMatrixEnds}; the inspector itself passes the
 * contract on every major).
 */
@PostgresMatrixEnds
class MeteredBackendInspectorIT extends BackendInspectorContract {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Override
    protected BackendInspector inspector(DataSource dataSource) {
        return MeteredBackendInspector.of(BackendInspector.postgres(dataSource), registry);
    }

    @PostgresMatrixTest
    void timesCallsAndCountsSignalsOfARealServer(TestDatabase db) {
        TestSession victim = db.openSession();
        BackendInspector inspector = inspector(db.dataSource());

        inspector.activity();
        inspector.lockTree();
        inspector.terminate(List.of(victim.pid(), 4_194_305));

        assertThat(registry.get("activity4j.inspector.calls")
                        .tags("method", "activity", "outcome", "success", "exception", "none")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("activity4j.inspector.calls")
                        .tags("method", "lockTree", "outcome", "success")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("activity4j.inspector.signals")
                        .tags("signal", "terminate", "outcome", "signalled")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("activity4j.inspector.signals")
                        .tags("signal", "terminate", "outcome", "not_a_backend")
                        .counter()
                        .count())
                .isEqualTo(1);
    }
}
