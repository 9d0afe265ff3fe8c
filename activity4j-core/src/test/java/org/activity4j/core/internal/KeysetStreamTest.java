package org.activity4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStoreException;
import org.activity4j.core.Person;
import org.activity4j.query.ActivityStatus;
import org.junit.jupiter.api.Test;

/** The page loop of the stores' streams: pages read lazily, one after the other, and never the same one again. */
class KeysetStreamTest {
    private static final Person JANE = new Person(5, "Jane Doe", "jane@example.com");
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    /** Activity {@code id} created {@code secondsAgo} seconds before T0. */
    private static Activity activity(long id, int secondsAgo) {
        return Activity.builder(id, "RestartRequest", ActivityStatus.UNDELIVERED, JANE, T0.minusSeconds(secondsAgo))
                .build();
    }

    @Test
    void pagesAreReadAfterTheLastActivityYieldedAndOnlyWhenAskedFor() {
        List<Activity> all = List.of(activity(9, 0), activity(8, 0), activity(7, 1), activity(3, 2), activity(4, 3));
        List<Optional<Activity>> asked = new ArrayList<>();
        Stream<Activity> stream = KeysetStream.of(last -> {
            asked.add(last);
            int from = last.map(all::indexOf).orElse(-1) + 1;
            List<Activity> page = all.subList(from, Math.min(from + 2, all.size()));
            return KeysetStream.Page.of(page, 2);
        });
        assertThat(asked).isEmpty();

        assertThat(stream.collect(Collectors.toList())).isEqualTo(all);
        assertThat(asked).containsExactly(Optional.empty(), Optional.of(all.get(1)), Optional.of(all.get(3)));
    }

    @Test
    void aReaderThatReturnsTheSamePageAgainStopsTheStreamInsteadOfLoopingForever() {
        List<Activity> page = List.of(activity(9, 0), activity(8, 0));
        int[] reads = {0};
        Stream<Activity> stream = KeysetStream.of(last -> {
            reads[0]++;
            return KeysetStream.Page.of(page, 2);
        });

        assertThatThrownBy(() -> stream.collect(Collectors.toList()))
                .isInstanceOf(ActivityStoreException.class)
                .hasMessageContaining("activity 9 created 2024-05-01T10:00:00Z came after activity 8");
        assertThat(reads[0]).isEqualTo(2);
    }

    @Test
    void aPageOutOfOrderWithinItselfIsRefused() {
        Stream<Activity> stream =
                KeysetStream.of(last -> KeysetStream.Page.of(List.of(activity(7, 1), activity(8, 0)), 5));

        assertThatThrownBy(() -> stream.collect(Collectors.toList()))
                .isInstanceOf(ActivityStoreException.class)
                .hasMessageContaining("activity 8")
                .hasMessageContaining("after activity 7");
    }

    @Test
    void anActivityAsOldAsTheLastButWithTheSameIdIsNoProgress() {
        // Same creation time and id: the keyset did not advance, though the page is "new".
        Activity last = activity(8, 0);
        assertThatThrownBy(() -> KeysetStream.checkProgress(List.of(activity(8, 0)), Optional.of(last)))
                .isInstanceOf(ActivityStoreException.class);
        KeysetStream.checkProgress(List.of(activity(7, 0), activity(9, 1)), Optional.of(last));
    }
}
