package org.activity4j.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeTimestampsTest {
    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00.400Z");

    @Test
    void aFirstRequestKeepsTheClocksInstant() {
        assertThat(new ChangeTimestamps().next("a", NOW)).isEqualTo(NOW);
    }

    @Test
    void identicalRequestsInOneSecondGetTheFollowingSeconds() {
        ChangeTimestamps t = new ChangeTimestamps();
        t.next("a", NOW);

        assertThat(t.next("a", NOW.plusMillis(100))).isEqualTo(Instant.parse("2024-05-01T10:00:01Z"));
        assertThat(t.next("a", NOW.plusMillis(200))).isEqualTo(Instant.parse("2024-05-01T10:00:02Z"));
        assertThat(t.next("b", NOW.plusMillis(300))).isEqualTo(NOW.plusMillis(300));
    }

    @Test
    void aLaterSecondIsTheClocksAgain() {
        ChangeTimestamps t = new ChangeTimestamps();
        t.next("a", NOW);

        assertThat(t.next("a", NOW.plusSeconds(1))).isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void repeatsBeyondTheBoundAreRefused() {
        ChangeTimestamps t = new ChangeTimestamps();
        Set<Long> seconds = new HashSet<>();
        for (int i = 0; i <= ChangeTimestamps.MAX_AHEAD_SECONDS; i++) {
            seconds.add(t.next("a", NOW).getEpochSecond());
        }

        assertThat(seconds).hasSize(ChangeTimestamps.MAX_AHEAD_SECONDS + 1);
        assertThatThrownBy(() -> t.next("a", NOW)).isInstanceOf(IllegalStateException.class);
    }
}
