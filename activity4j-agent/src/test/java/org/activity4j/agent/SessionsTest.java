package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import org.activity4j.testkit.TestClock;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private final TestClock clock = TestClock.at("2024-05-01T10:00:00Z");
    private final Sessions sessions =
            new Sessions(new SecureRandom(), clock, Duration.ofSeconds(3600), Duration.ofHours(8));

    @Test
    void sessionsAre64LowercaseHexAndDiffer() {
        assertThat(sessions.open("alice")).matches("[0-9a-f]{64}").isNotEqualTo(sessions.open("alice"));
    }

    @Test
    void useRenewsASessionAndExpiryForgetsIt() {
        String id = sessions.open("alice");
        clock.advance(Duration.ofSeconds(3600));
        assertThat(sessions.use(id)).contains("alice");
        clock.advance(Duration.ofSeconds(3601));

        assertThat(sessions.use(id)).isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void expiredSessionsThatAreNeverUsedAgainAreForgottenOnTheNextLogin() {
        sessions.open("alice");
        sessions.open("bob12");
        clock.advance(Duration.ofSeconds(3601));

        sessions.open("carol");

        assertThat(sessions.size()).isEqualTo(1);
    }

    @Test
    void aSessionInUseEndsAtItsLifetime() {
        String id = sessions.open("alice");
        for (int i = 0; i < 8 * 4 - 1; i++) {
            clock.advance(Duration.ofMinutes(15));
            assertThat(sessions.use(id)).as("after %d min", (i + 1) * 15).contains("alice");
        }
        clock.advance(Duration.ofMinutes(15).plusSeconds(1));

        assertThat(sessions.use(id)).isEmpty();
    }

    @Test
    void forgetExpiredDropsExpiredSessionsWithoutALogin() {
        sessions.open("alice");
        String live = sessions.open("bob12");
        clock.advance(Duration.ofSeconds(3000));
        sessions.use(live);
        clock.advance(Duration.ofSeconds(1000));

        sessions.forgetExpired();

        assertThat(sessions.size()).isEqualTo(1);
        assertThat(sessions.use(live)).contains("bob12");
    }
}
