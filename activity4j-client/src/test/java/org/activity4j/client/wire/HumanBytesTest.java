package org.activity4j.client.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import java.util.OptionalDouble;
import org.activity4j.core.WireFormatException;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

class HumanBytesTest {

    @Test
    void parsesTheAgentsFigures() {
        assertThat(HumanBytes.parse("read_s", "0.00B")).hasValue(0);
        assertThat(HumanBytes.parse("read_s", "3.80K")).hasValue(3.80 * 1024);
        assertThat(HumanBytes.parse("read_s", "74.62M").getAsDouble()).isCloseTo(74.62 * 1024 * 1024, within());
        assertThat(HumanBytes.parse("read_s", "158.40M").getAsDouble()).isCloseTo(158.40 * 1024 * 1024, within());
        assertThat(HumanBytes.parse("read_s", "N/A")).isEmpty();
    }

    @Test
    void formatsAsTheAgentDoes() {
        assertThat(HumanBytes.format(OptionalDouble.of(0))).isEqualTo("0.00B");
        assertThat(HumanBytes.format(OptionalDouble.of(3.80 * 1024))).isEqualTo("3.80K");
        assertThat(HumanBytes.format(OptionalDouble.of(74.62 * 1024 * 1024))).isEqualTo("74.62M");
        assertThat(HumanBytes.format(OptionalDouble.of(1023.999))).isEqualTo("1.00K");
        assertThat(HumanBytes.format(OptionalDouble.empty())).isEqualTo("N/A");
    }

    @Test
    void rejectsOtherTextNamingTheField() {
        for (String bad : List.of("", "M", "1.0X", "-1B", "1,5K", "n/a", "1e3B", "١B")) {
            WireFormatException e =
                    catchThrowableOfType(WireFormatException.class, () -> HumanBytes.parse("write_s", bad));
            assertThat(e).as(bad).isNotNull();
            assertThat(e.field()).isEqualTo("write_s");
        }
    }

    @Test
    void formatsAsStringFormatOfTheRoundedNumberDid() {
        // The former text, from String.format, as the oracle of the faster one.
        qt().withExamples(20_000)
                .forAll(doubles().between(0, 1.2e21))
                .checkAssert(
                        v -> assertThat(HumanBytes.format(OptionalDouble.of(v))).isEqualTo(formerly(v)));
        for (double v : new double[] {0.0, -0.0, 0.004, 0.005, 1023.994, 1023.995, 1048575.99, Double.MAX_VALUE}) {
            assertThat(HumanBytes.format(OptionalDouble.of(v))).as("%s", v).isEqualTo(formerly(v));
        }
    }

    private static String formerly(double value) {
        int unit = 0;
        java.math.BigDecimal scaled = java.math.BigDecimal.valueOf(value);
        java.math.BigDecimal k = java.math.BigDecimal.valueOf(1024);
        while (unit < 6 && scaled.setScale(2, java.math.RoundingMode.HALF_UP).compareTo(k) >= 0) {
            scaled = scaled.divide(k);
            unit++;
        }
        return String.format(
                java.util.Locale.ROOT,
                "%s%c",
                scaled.setScale(2, java.math.RoundingMode.HALF_UP),
                "BKMGTPE".charAt(unit));
    }

    @Test
    void canonicalTextRoundTrips() {
        qt().forAll(integers().between(0, 102_399), integers().between(0, 6))
                .assuming((hundredths, unit) -> unit == 0 || hundredths >= 100)
                .checkAssert((hundredths, unit) -> {
                    String text = String.format(
                            java.util.Locale.ROOT,
                            "%d.%02d%c",
                            hundredths / 100,
                            hundredths % 100,
                            "BKMGTPE".charAt(unit));
                    assertThat(HumanBytes.format(HumanBytes.parse("f", text))).isEqualTo(text);
                });
    }

    @Test
    void formattedBytesParseBackWithinTheTwoDecimals() {
        qt().forAll(doubles().between(0, 1e18)).checkAssert(bytes -> {
            double back = HumanBytes.parse("f", HumanBytes.format(OptionalDouble.of(bytes)))
                    .getAsDouble();
            assertThat(Math.abs(back - bytes)).isLessThanOrEqualTo(Math.max(0.005, bytes * 0.005));
        });
    }

    @Test
    void parseThrowsNothingButWireFormatException() {
        qt().forAll(lists().of(Generate.pick(
                                List.of("1", ".", "0", "B", "K", "/s", "N", "A", "/", " ", "e", "-", "9", "é")))
                        .ofSizeBetween(0, 10)
                        .map(l -> String.join("", l)))
                .checkAssert(text -> {
                    try {
                        HumanBytes.parse("f", text);
                    } catch (WireFormatException e) {
                        assertThat(e.field()).isEqualTo("f");
                    }
                });
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-6);
    }
}
