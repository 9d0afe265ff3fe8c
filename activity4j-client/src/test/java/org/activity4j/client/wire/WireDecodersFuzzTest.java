package org.activity4j.client.wire;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of every decoder of outside input with Jazzer: nothing but WireFormatException may
 * escape. {@code ./mvnw test} replays the committed inputs under {@code
 * src/test/resources/org/activity4j/client/wire/WireDecodersFuzzTestInputs/}; {@code JAZZER_FUZZ=1 ./mvnw test
 * -pl activity4j-client -Dtest=WireDecodersFuzzTest#<method>} fuzzes one method, and any crash input it finds
 * lands in that folder, to be committed with the fix.
 */
class WireDecodersFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void temboardDecodersThrowNothingButWireFormatException(FuzzedDataProvider data) {
        WireDecoders.throwNothingButWireFormatException(WireDecoders.TEMBOARD, data.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "2m")
    void landscapeDecodersThrowNothingButWireFormatException(FuzzedDataProvider data) {
        WireDecoders.throwNothingButWireFormatException(WireDecoders.LANDSCAPE, data.consumeRemainingAsString());
    }

    @FuzzTest(maxDuration = "2m")
    void temboardSignedDecodersThrowNothingButWireFormatException(FuzzedDataProvider data) {
        WireDecoders.throwNothingButWireFormatException(WireDecoders.TEMBOARD_SIGNED, data.consumeRemainingAsString());
    }
}
