package org.activity4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Set;
import org.activity4j.core.ActivityStatusChangeException;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStoreException;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.Computer;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.query.QueryCriteria;
import org.activity4j.testkit.PostgresMatrixTest;
import org.activity4j.testkit.TestDatabase;

/** The metered PostgreSQL store records its calls, sizes and errors. */
class MeteredActivityStoreIT {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private ActivityStore store(TestDatabase db) {
        ActivityStore store = MeteredActivityStore.of(
                ActivityStores.postgres(db.dataSource(), "metrics_it", Clock.systemUTC()), registry);
        store.registerPerson(new Person(5, "Jane Doe", "jane@example.com"));
        store.registerComputer(
                Computer.builder(3, "web1").tags(Set.of("server")).build());
        return store;
    }

    private long calls(String method, String outcome, String exception) {
        return registry.get("activity4j.activities.calls")
                .tags("method", method, "outcome", outcome, "exception", exception)
                .timer()
                .count();
    }

    @PostgresMatrixTest
    void recordsPagesCancelsAndApprovals(TestDatabase db) {
        ActivityStore store = store(db);
        for (int i = 0; i < 3; i++) {
            store.createActivity(NewActivity.builder("RestartRequest", 5)
                    .computerId(3)
                    .requiresApproval(true)
                    .build());
        }

        store.getActivities(QueryCriteria.parse("computer:tag:server"), 2, 0);
        store.approveActivities(QueryCriteria.parse("status:unapproved"));
        store.cancelActivities(QueryCriteria.parse("status:undelivered"));

        assertThat(calls("createActivity", "success", "none")).isEqualTo(3);
        assertThat(calls("getActivities", "success", "none")).isEqualTo(1);
        assertThat(registry.get("activity4j.activities.page.size").summary().totalAmount())
                .isEqualTo(2);
        assertThat(registry.get("activity4j.activities.approve.size").summary().totalAmount())
                .isEqualTo(3);
        assertThat(registry.get("activity4j.activities.cancel.size").summary().totalAmount())
                .isEqualTo(3);
        assertThat(registry.get("activity4j.activities.calls")
                        .timer()
                        .totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
                .isPositive();
    }

    @PostgresMatrixTest
    void tagsErrorsByExceptionType(TestDatabase db) {
        ActivityStore store = store(db);
        long id = store.createActivity(
                        NewActivity.builder("RestartRequest", 5).computerId(3).build())
                .id();
        store.markDelivered(id);

        assertThatThrownBy(() -> store.cancelActivities(QueryCriteria.parse("status:delivered")))
                .isInstanceOf(ActivityStatusChangeException.class);
        db.execute("DROP SCHEMA metrics_it CASCADE");
        assertThatThrownBy(() -> store.getActivities(QueryCriteria.all())).isInstanceOf(ActivityStoreException.class);

        assertThat(calls("cancelActivities", "error", "ActivityStatusChangeException"))
                .isEqualTo(1);
        assertThat(calls("getActivities", "error", "ActivityStoreException")).isEqualTo(1);
        assertThat(registry.find("activity4j.activities.page.size").summary())
                .satisfiesAnyOf(
                        s -> assertThat(s).isNull(), s -> assertThat(s.count()).isZero());
    }
}
