package org.activity4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import java.util.stream.Stream;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStatusChangeException;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.Computer;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.query.QueryCriteria;
import org.junit.jupiter.api.Test;

class MeteredActivityStoreTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ActivityStore store =
            MeteredActivityStore.of(ActivityStores.inMemory(), registry, Tags.of("store", "memory"));

    private void createRestarts(int count, boolean requiresApproval) {
        store.registerPerson(new Person(5, "Jane Doe", "jane@example.com"));
        store.registerComputer(
                Computer.builder(3, "web1").tags(Set.of("server")).build());
        for (int i = 0; i < count; i++) {
            store.createActivity(NewActivity.builder("RestartRequest", 5)
                    .computerId(3)
                    .requiresApproval(requiresApproval)
                    .build());
        }
    }

    private long calls(String method, String outcome, String exception) {
        return registry.get("activity4j.activities.calls")
                .tags("method", method, "outcome", outcome, "exception", exception, "store", "memory")
                .timer()
                .count();
    }

    @Test
    void timesEveryCallByMethod() {
        createRestarts(3, false);

        store.getActivities(QueryCriteria.all(), 2, 0);
        store.getActivityTypes();

        assertThat(calls("createActivity", "success", "none")).isEqualTo(3);
        assertThat(calls("registerPerson", "success", "none")).isEqualTo(1);
        assertThat(calls("getActivities", "success", "none")).isEqualTo(1);
        assertThat(calls("getActivityTypes", "success", "none")).isEqualTo(1);
    }

    @Test
    void recordsPageSizes() {
        createRestarts(3, false);

        store.getActivities(QueryCriteria.all(), 2, 0);
        store.getActivities(QueryCriteria.all());

        var pages = registry.get("activity4j.activities.page.size").summary();
        assertThat(pages.count()).isEqualTo(2);
        assertThat(pages.totalAmount()).isEqualTo(5);
        assertThat(pages.max()).isEqualTo(3);
    }

    @Test
    void timesAStreamAsOneCallAndRecordsItsLength() {
        createRestarts(7, false);

        assertThat(store.streamActivities(QueryCriteria.all(), 3).count()).isEqualTo(7);
        try (Stream<Activity> s = store.streamActivities(QueryCriteria.all(), 3)) {
            assertThat(s.limit(2).count()).isEqualTo(2);
        }

        assertThat(calls("streamActivities", "success", "none")).isEqualTo(2);
        var streams = registry.get("activity4j.activities.stream.size").summary();
        assertThat(streams.count()).isEqualTo(2);
        assertThat(streams.totalAmount()).isEqualTo(9);
        assertThat(registry.find("activity4j.activities.calls")
                        .tag("method", "getActivities")
                        .timer())
                .isNull();
    }

    @Test
    void aStreamNotReadToTheEndIsRecordedWhenClosed() {
        createRestarts(4, false);

        Stream<Activity> s = store.streamActivities(QueryCriteria.all(), 2);
        assertThat(s.iterator().next()).isNotNull();
        assertThat(registry.get("activity4j.activities.stream.size").summary().count())
                .isZero();
        s.close();
        s.close();

        assertThat(registry.get("activity4j.activities.stream.size").summary().totalAmount())
                .isEqualTo(1);
        assertThat(calls("streamActivities", "success", "none")).isEqualTo(1);
    }

    @Test
    void aRefusedStreamIsTimedAsAnError() {
        assertThatThrownBy(() -> store.streamActivities(QueryCriteria.all(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pageSize");

        assertThat(calls("streamActivities", "error", "IllegalArgumentException"))
                .isEqualTo(1);
    }

    @Test
    void recordsCancelAndApproveSizes() {
        createRestarts(4, true);

        store.approveActivities(QueryCriteria.parse("status:unapproved"));
        store.cancelActivities(QueryCriteria.parse("status:undelivered"));

        assertThat(registry.get("activity4j.activities.approve.size").summary().totalAmount())
                .isEqualTo(4);
        assertThat(registry.get("activity4j.activities.cancel.size").summary().totalAmount())
                .isEqualTo(4);
    }

    @Test
    void tagsErrorsByExceptionTypeAndRethrowsThem() {
        createRestarts(1, false);
        long id = store.getActivities(QueryCriteria.all()).get(0).id();
        store.markDelivered(id);

        assertThatThrownBy(() -> store.cancelActivities(QueryCriteria.parse("status:delivered")))
                .isInstanceOf(ActivityStatusChangeException.class);
        assertThatThrownBy(() -> store.getActivities(QueryCriteria.all(), -1, 0))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(calls("cancelActivities", "error", "ActivityStatusChangeException"))
                .isEqualTo(1);
        assertThat(calls("getActivities", "error", "IllegalArgumentException")).isEqualTo(1);
        assertThat(registry.get("activity4j.activities.cancel.size").summary().count())
                .isZero();
    }

    @Test
    void anotherAccountIsMeteredTheSameWay() {
        ActivityStore other = store.forAccount("other");

        other.getActivityTypes();

        assertThat(other).isInstanceOf(MeteredActivityStore.class);
        assertThat(other.account()).isEqualTo("other");
        assertThat(calls("getActivityTypes", "success", "none")).isEqualTo(1);
    }

    @Test
    void meteredServiceTimesTheServiceCalls() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        var service = MeteredActivityService.of(ActivityStores.inMemory(), own);

        service.getActivities(QueryCriteria.all());

        assertThat(own.get("activity4j.activities.calls")
                        .tags("method", "getActivities", "outcome", "success", "exception", "none")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(own.get("activity4j.activities.page.size").summary().count()).isEqualTo(1);
    }
}
