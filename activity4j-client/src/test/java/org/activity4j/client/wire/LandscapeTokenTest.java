package org.activity4j.client.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.activity4j.core.WireFormatException;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Landscape's JWTs: the documented example reads back, signing round-trips, and bad tokens are typed errors. */
class LandscapeTokenTest {
    /** The access-key login example of Landscape's REST API documentation. */
    private static final String DOCUMENTED = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
            + ".eyJleHAiOjE3MjUwMzkyNzYsImlhdCI6MTcyNDk1Mjg3Niwic3ViIjoiam9obkBleGFtcGxlLmNvbSIsImFjYyI6Im9ud2FyZCIsImlkIjoxfQ"
            + ".8rWW_GN1jRzKownpg4k1Zp4iZMmn_lfLjy0cX-DLh_g";

    private static final byte[] SECRET = "a secret of the agent".getBytes(StandardCharsets.UTF_8);

    @Test
    void theDocumentedTokenReadsAsItsClaims() {
        LandscapeToken t = LandscapeToken.parse(DOCUMENTED);

        assertThat(t.subject()).isEqualTo("john@example.com");
        assertThat(t.account()).isEqualTo("onward");
        assertThat(t.issuedAt()).isEqualTo(Instant.ofEpochSecond(1724952876));
        assertThat(t.expiresAt()).isEqualTo(Instant.ofEpochSecond(1725039276));
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        assertThatThrownBy(() -> LandscapeToken.verify(DOCUMENTED, SECRET))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("signature does not match");
    }

    @Test
    void malformedTokensNameWhatIsWrong() {
        assertThatThrownBy(() -> LandscapeToken.parse("abc")).hasMessageContaining("three parts");
        String padded = b64("{\"alg\":\"HS256\"}") + ".e30.AA==";
        assertThatThrownBy(() -> LandscapeToken.parse(padded)).hasMessageContaining("without padding");
        String none = b64("{\"alg\":\"none\"}") + "." + b64("{}") + ".AA";
        assertThatThrownBy(() -> LandscapeToken.parse(none))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("HS256");
        String noSub = b64("{\"alg\":\"HS256\"}") + "." + b64("{\"exp\":2,\"iat\":1,\"acc\":\"a\"}") + ".AA";
        assertThatThrownBy(() -> LandscapeToken.parse(noSub)).hasMessageContaining("sub");
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void signedTokensVerifyToTheirClaims() {
        qt().forAll(
                        strings().allPossible().ofLengthBetween(0, 40),
                        strings().basicLatinAlphabet().ofLengthBetween(0, 20),
                        longs().between(0, 4_000_000_000L),
                        integers().between(0, 1_000_000))
                .checkAssert((subject, account, issued, life) -> {
                    String wellFormed = LandscapeParamsTest.wellFormed(subject);
                    LandscapeToken t = new LandscapeToken(
                            wellFormed, account, Instant.ofEpochSecond(issued), Instant.ofEpochSecond(issued + life));
                    String jwt = t.sign(SECRET);

                    assertThat(LandscapeToken.verify(jwt, SECRET)).isEqualTo(t);
                    assertThat(LandscapeToken.parse(jwt)).isEqualTo(t);
                });
    }

    @Test
    void aTokenWithAnyCharacterChangedIsRefused() {
        String jwt = new LandscapeToken("jane@example.com", "standalone", Instant.EPOCH, Instant.ofEpochSecond(60))
                .sign(SECRET);
        qt().forAll(integers().between(0, jwt.length() - 1), Generate.pick(List.of('A', 'b', '-', '_', '.', '=')))
                .assuming((i, c) -> jwt.charAt(i) != c)
                .checkAssert((i, c) -> {
                    String tampered = jwt.substring(0, i) + c + jwt.substring(i + 1);
                    assertThatThrownBy(() -> LandscapeToken.verify(tampered, SECRET))
                            .isInstanceOf(WireFormatException.class);
                });
    }

    /** Token-ish text: base64url pieces of JSON claims, dots, and stray characters. */
    private static final Gen<String> TOKENISH = lists().of(Generate.pick(List.of(
                    ".",
                    "=",
                    "eyJ",
                    "e30",
                    b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"),
                    b64("{\"exp\":1,\"iat\":2,\"sub\":\"s\",\"acc\":\"a\"}"),
                    b64("{\"exp\":99999999999999999999,\"iat\":-1,\"sub\":1,\"acc\":null}"),
                    b64("[1,2]"),
                    b64("\"x\""),
                    b64("{\"alg\":\"HS256\",\"typ\":\"JOSE\"}"),
                    "AA",
                    "_-",
                    "+/",
                    "\u00e9",
                    "\ud800")))
            .ofSizeBetween(0, 12)
            .map(parts -> String.join("", parts));

    @Test
    void parseThrowsNothingButWireFormatException() {
        qt().forAll(TOKENISH).checkAssert(LandscapeTokenTest::parseOrWireFormatException);
        qt().forAll(strings().allPossible().ofLengthBetween(0, 200))
                .checkAssert(LandscapeTokenTest::parseOrWireFormatException);
    }

    static void parseOrWireFormatException(String text) {
        try {
            LandscapeToken t = LandscapeToken.parse(text);
            assertThat(t.expiresAt()).isAfterOrEqualTo(t.issuedAt());
            LandscapeToken.verify(text, SECRET);
        } catch (WireFormatException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
