package org.activity4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** JSON text round trips; a failure prints the seed, {@code -DQT_SEED=<seed>} replays it. */
class JsonRoundTripPropertyTest {

    private static Gen<JsonValue> scalars() {
        Gen<JsonValue> strings = strings().allPossible().ofLengthBetween(0, 10).map(s -> JsonValue.of(s));
        Gen<JsonValue> numbers = longs().all()
                .zip(
                        integers().between(-20, 20),
                        (unscaled, scale) -> JsonValue.of(BigDecimal.valueOf(unscaled, scale)));
        Gen<JsonValue> bools = Generate.booleans().map(b -> JsonValue.of(b));
        return strings.mix(numbers, 40).mix(bools, 15).mix(Generate.constant(JsonValue.nullValue()), 10);
    }

    private static Gen<JsonValue> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Gen<JsonValue> arrays =
                lists().of(values(depth - 1)).ofSizeBetween(0, 4).map(l -> JsonValue.array(l));
        Gen<JsonValue> objects = lists().of(strings().allPossible().ofLengthBetween(0, 6))
                .ofSizeBetween(0, 4)
                .zip(lists().of(values(depth - 1)).ofSize(4), (keys, vals) -> {
                    Map<String, JsonValue> m = new LinkedHashMap<>();
                    for (int i = 0; i < keys.size(); i++) {
                        m.put(keys.get(i), vals.get(i));
                    }
                    return JsonValue.object(m);
                });
        return scalars().mix(arrays, 30).mix(objects, 30);
    }

    @Test
    void writtenTextParsesBackToTheSameValue() {
        qt().withExamples(3_000)
                .forAll(values(3))
                .checkAssert(v -> assertThat(JsonValue.parse(v.toJson())).isEqualTo(v));
    }

    @Test
    void parseThrowsNothingButIllegalArgumentException() {
        Gen<String> fragments = lists().of(Generate.pick(List.of(
                        "{", "}", "[", "]", ",", ":", "\"", "\\", "u00", "1", "-", ".", "e", "true", "nul", " ")))
                .ofSizeBetween(0, 20)
                .map(parts -> String.join("", parts));
        qt().withExamples(5_000)
                .forAll(fragments.mix(strings().allPossible().ofLengthBetween(0, 20), 30))
                .checkAssert(text -> {
                    Throwable thrown = catchThrowable(() -> JsonValue.parse(text));
                    if (thrown != null) {
                        assertThat(thrown).isExactlyInstanceOf(IllegalArgumentException.class);
                    }
                });
    }
}
