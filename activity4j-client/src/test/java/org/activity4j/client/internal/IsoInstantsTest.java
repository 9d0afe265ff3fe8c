package org.activity4j.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {
    @Test
    void writesWhatInstantToStringWritesForAnyInstant() {
        qt().withExamples(20_000)
                .forAll(
                        longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                        integers().between(0, 999_999_999))
                .checkAssert((seconds, nanos) -> {
                    Instant t = Instant.ofEpochSecond(seconds, nanos);
                    assertThat(IsoInstants.format(t)).isEqualTo(t.toString());
                });
    }

    @Test
    void writesWhatInstantToStringWritesForInstantsOfTheFourDigitYearsAndWholeUnits() {
        // Seconds across years 0000-9999 (the fast path) with whole seconds, milliseconds and microseconds.
        qt().withExamples(20_000)
                .forAll(
                        longs().between(-62_167_219_200L - 5, 253_402_300_800L + 5),
                        integers().between(0, 999_999),
                        integers().between(0, 3))
                .checkAssert((seconds, unit, kind) -> {
                    int nanos = kind == 0 ? 0 : kind == 1 ? unit % 1000 * 1_000_000 : kind == 2 ? unit * 1000 : unit;
                    Instant t = Instant.ofEpochSecond(seconds, nanos);
                    assertThat(IsoInstants.format(t)).isEqualTo(t.toString());
                });
    }

    @Test
    void edges() {
        for (Instant t : new Instant[] {
            Instant.EPOCH,
            Instant.ofEpochSecond(-1),
            Instant.ofEpochSecond(-62_167_219_200L),
            Instant.ofEpochSecond(-62_167_219_201L),
            Instant.ofEpochSecond(253_402_300_799L, 999_999_999),
            Instant.ofEpochSecond(253_402_300_800L),
            Instant.parse("2026-12-03T18:00:00.120Z"),
            Instant.parse("2026-12-03T18:00:00.000100Z"),
            Instant.parse("2000-02-29T23:59:59.000000001Z"),
            Instant.MIN,
            Instant.MAX
        }) {
            assertThat(IsoInstants.format(t)).as("%s", t).isEqualTo(t.toString());
        }
    }
}
