package org.activity4j.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

/** {@code Retry-After} in both forms; anything else is ignored, never an exception. */
class RetryAfterTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void readsSecondsFromNow() {
        assertThat(RetryAfter.parse("120", NOW)).contains(NOW.plusSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(NOW);
    }

    @Test
    void readsAnHttpDate() {
        assertThat(RetryAfter.parse("Fri, 02 Jan 2026 03:05:00 GMT", NOW))
                .contains(Instant.parse("2026-01-02T03:05:00Z"));
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("+5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("1.5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse("99999999999999999999", NOW)).isEmpty();
    }

    @Test
    void secondsRoundTrip() {
        qt().forAll(longs().between(0, 999_999_999_999L))
                .checkAssert(
                        n -> assertThat(RetryAfter.parse(Long.toString(n), NOW)).contains(NOW.plusSeconds(n)));
    }

    @Test
    void httpDatesRoundTrip() {
        qt().forAll(longs().between(0, 253_402_300_799L)) // to 9999-12-31
                .checkAssert(epoch -> {
                    Instant t = Instant.ofEpochSecond(epoch);
                    String header = DateTimeFormatter.RFC_1123_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
                    assertThat(RetryAfter.parse(header, NOW)).contains(t);
                });
    }

    @Test
    void anyTextIsAValueOrEmptyNeverAnException() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 80))
                .checkAssert(text -> assertThat(RetryAfter.parse(text, NOW)).isNotNull());
    }
}
