package org.activity4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityService;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.query.QueryCriteria;
import org.junit.jupiter.api.Test;

/**
 * The default {@code streamActivities}, for services that only have {@code getActivities}: what it asks for
 * and that it yields one big page's activities, over an in-memory store seen only through {@code
 * getActivities}.
 */
class QueryKeysetPagesTest {
    private final SettableClock clock = new SettableClock();
    private final ActivityStore store = ActivityStores.inMemory(clock);
    private final Recording service = new Recording(store);

    QueryKeysetPagesTest() {
        store.registerPerson(new Person(5, "Jane Doe", "jane@example.com"));
    }

    /** {@code count} activities created at {@code time}, in one batch. */
    private void createAt(String time, int count) {
        clock.now = Instant.parse(time);
        List<NewActivity> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(
                    NewActivity.builder("RestartRequest", 5).summary("job " + i).build());
        }
        store.createActivities(batch);
    }

    private List<Activity> all() {
        return store.getActivities(QueryCriteria.all(), ActivityService.MAX_LIMIT, 0);
    }

    @Test
    void pagesAreBoundedByTheSecondAfterTheLastActivityAndOffsetWithinIt() {
        createAt("2024-05-01T10:00:00.100Z", 12);
        createAt("2024-05-01T10:00:00.900Z", 12);
        createAt("2024-05-01T10:00:01.500Z", 5);
        createAt("2024-05-01T10:00:03Z", 5);

        List<Activity> streamed;
        try (Stream<Activity> s = service.streamActivities(QueryCriteria.all(), 5)) {
            streamed = s.collect(Collectors.toList());
        }

        assertThat(streamed).isEqualTo(all());
        assertThat(service.calls.get(0)).isEqualTo("|5|0");
        assertThat(service.calls.get(1)).isEqualTo("created-before:2024-05-01T10:00:04|5|5");
        assertThat(service.calls.get(2)).isEqualTo("created-before:2024-05-01T10:00:02|5|5");
        assertThat(service.calls.subList(3, service.calls.size()))
                .containsExactly(
                        "created-before:2024-05-01T10:00:01|5|5",
                        "created-before:2024-05-01T10:00:01|5|10",
                        "created-before:2024-05-01T10:00:01|5|15",
                        "created-before:2024-05-01T10:00:01|5|20");
    }

    @Test
    void theQueryIsKeptAndTheBoundAdded() {
        createAt("2024-05-01T10:00:00Z", 3);
        createAt("2024-05-01T10:01:00Z", 3);

        assertThat(service.streamActivities(QueryCriteria.parse("status:undelivered OR status:scheduled"), 3)
                        .count())
                .isEqualTo(6);

        assertThat(service.calls)
                .containsExactly(
                        "status:undelivered OR status:scheduled|3|0",
                        "status:undelivered OR status:scheduled created-before:2024-05-01T10:01:01|3|3",
                        "status:undelivered OR status:scheduled created-before:2024-05-01T10:00:01|3|3");
    }

    @Test
    void moreThanAPageCreatedInTheLastSecondMeanwhileIsSkippedNotRepeated() {
        createAt("2024-05-01T10:00:00.100Z", 10);
        List<Activity> expected = all();
        List<Activity> seen = new ArrayList<>();
        try (Stream<Activity> s = service.streamActivities(QueryCriteria.all(), 3)) {
            Iterator<Activity> it = s.iterator();
            for (int i = 0; i < 3; i++) {
                seen.add(it.next());
            }
            createAt("2024-05-01T10:00:00.500Z", 7);
            it.forEachRemaining(seen::add);
        }

        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void badPageSizesNameTheValue() {
        assertThatThrownBy(() -> service.streamActivities(QueryCriteria.all(), 10_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pageSize must be from 1 to 10000: 10001");
        assertThat(service.calls).isEmpty();
    }

    /** Nothing is read before the stream's first activity is asked for. */
    @Test
    void aStreamReadsNothingUntilAsked() {
        createAt("2024-05-01T10:00:00Z", 3);
        try (Stream<Activity> s = service.streamActivities(QueryCriteria.all(), 2)) {
            assertThat(service.calls).isEmpty();
            assertThat(s.findFirst()).isPresent();
        }
        assertThat(service.calls).hasSize(1);
    }

    /** An ActivityService with only getActivities of its own, recording each call's query, limit and offset. */
    private static final class Recording implements ActivityService {
        final ActivityService delegate;
        final List<String> calls = new ArrayList<>();

        Recording(ActivityService delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<Activity> getActivities(QueryCriteria query, int limit, int offset) {
            calls.add(query.toQueryString() + "|" + limit + "|" + offset);
            return delegate.getActivities(query, limit, offset);
        }

        @Override
        public List<String> getActivityTypes() {
            return delegate.getActivityTypes();
        }

        @Override
        public List<Long> cancelActivities(QueryCriteria query) {
            return delegate.cancelActivities(query);
        }

        @Override
        public List<Long> approveActivities(QueryCriteria query) {
            return delegate.approveActivities(query);
        }
    }

    private static final class SettableClock extends Clock {
        Instant now = Instant.parse("2024-05-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
