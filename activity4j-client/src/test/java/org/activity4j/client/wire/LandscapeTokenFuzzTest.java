package org.activity4j.client.wire;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the JWT parser, whose input is any {@code Authorization: Bearer} a client sends:
 * nothing but WireFormatException may escape. {@code ./mvnw test} replays the committed inputs under {@code
 * src/test/resources/org/activity4j/client/wire/LandscapeTokenFuzzTestInputs/}; {@code .ci/fuzz} finds it.
 */
class LandscapeTokenFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void tokenParserThrowsNothingButWireFormatException(FuzzedDataProvider data) {
        LandscapeTokenTest.parseOrWireFormatException(data.consumeRemainingAsString());
    }
}
