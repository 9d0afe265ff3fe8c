package org.activity4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the JSON reader the PostgreSQL store reads details with. {@code ./mvnw test} replays the inputs
 * under {@code src/test/resources/org/activity4j/core/JsonTextFuzzTestInputs/}; {@code JAZZER_FUZZ=1}
 * fuzzes.
 */
class JsonTextFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void parseThrowsOnlyIllegalArgumentAndRoundTrips(FuzzedDataProvider data) {
        JsonValue value;
        try {
            value = JsonValue.parse(data.consumeRemainingAsString());
        } catch (IllegalArgumentException e) {
            assertThat(e).isExactlyInstanceOf(IllegalArgumentException.class);
            return;
        }
        assertThat(JsonValue.parse(value.toJson())).isEqualTo(value);
    }
}
