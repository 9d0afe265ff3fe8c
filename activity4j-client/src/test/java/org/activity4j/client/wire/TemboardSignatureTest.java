package org.activity4j.client.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** temBoard's v1 signature, checked against the vectors of temBoard's own tests (toolkit/tests/test_signing.py). */
class TemboardSignatureTest {
    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("host", "0.0.0.0:2345");
        h.put("x-temboard-date", "20220511t095800z");
        h.put("x-temboard-request-id", "2f3f3b60-a2a0-476c-a37a-5d63b5b10586");
        h.put("x-temboard-user", "alice");
        return h;
    }

    @Test
    void canonicalGetQuotesThePathAsTemboardDoes() {
        byte[] canonical = TemboardSignature.canonicalRequest("get", "/chemin/toto+titi", headers(), new byte[0]);

        assertThat(new String(canonical, StandardCharsets.UTF_8))
                .isEqualTo("GET /chemin/toto%2Btiti\n\nhost: 0.0.0.0:2345\nx-temboard-date: 20220511t095800z\n"
                        + "x-temboard-request-id: 2f3f3b60-a2a0-476c-a37a-5d63b5b10586\nx-temboard-user: alice\n");
    }

    @Test
    void canonicalPostSignsContentHeadersAndBodyDigest() {
        Map<String, String> h = headers();
        h.put("Content-Type", "text/plain");
        h.put("Content-Length", "6");

        byte[] canonical =
                TemboardSignature.canonicalRequest("post", "/chemin", h, "pouet\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(new String(canonical, StandardCharsets.UTF_8))
                .isEqualTo(
                        "POST /chemin\n\ncontent-length: 6\ncontent-type: text/plain\nhost: 0.0.0.0:2345\n"
                                + "x-temboard-date: 20220511t095800z\nx-temboard-request-id: 2f3f3b60-a2a0-476c-a37a-5d63b5b10586\n"
                                + "x-temboard-user: alice\n\n0e1b065625e33422c79539985c7c7c769fdff5417971b1259cc2b20ab18b7ddc\n");
    }

    @Test
    void queryIsPartOfTheQuotedTarget() {
        byte[] canonical = TemboardSignature.canonicalRequest("GET", "/activity?limit=2", headers(), new byte[0]);

        assertThat(new String(canonical, StandardCharsets.UTF_8)).startsWith("GET /activity%3Flimit%3D2\n\n");
        assertThat(TemboardSignature.quote("/a b~é")).isEqualTo("/a+b~%C3%A9");
    }

    @Test
    void missingHeadersAreNamedSortedAsTheAgentSaysIt() {
        assertThatThrownBy(() -> TemboardSignature.canonicalRequest("GET", "/x", Map.of("Host", "h"), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Missing headers for request signing: x-temboard-date, x-temboard-request-id,"
                        + " x-temboard-user");
    }

    @Test
    void verifiesTheSignatureOfTemboardsOwnTest() throws Exception {
        String publicKey = "MIICIjANBgkqhkiG9w0BAQEFAAOCAg8AMIICCgKCAgEA4TVNVsTR3IaL9hdV69XY"
                + "6FEFnZpxfdJ5HuKtku+Gy+ezw4swTNLolSXn1OYDlLd688aE0p3xER+dtim5bWxj"
                + "p2iTnN2hS8w6hPMA3o5noBG1UWJy5jjKeVF40h92MAB6KU4SA84IJNz+zBQTIFkx"
                + "AqRaOJUPqyJwXeHhkiH3p5zuPHw+FPZZkNcmL4FuoPjZ5KGvPalUvmUM7HZevSdf"
                + "4Ycsn5xEHB8mutpwheNhRJDRuUfzZxoj6Iru7hPxWOSrQdgkIxYymZV0YrRGB0OI"
                + "AV5Go1MwWCAyK8D55JO9F3fZMwyVbSHAdOEcvCVqf8YBrjT3BzvgxM1qDx+k5Mlb"
                + "3RcMED9EXNGwKUHKxsc9jEFunNeM6t8mpndki2gdxrmZsovQ2MDAmGcFNTffSO5h"
                + "S5hm4nw44Vv2SG7FBOp29WmGbOdBnNRwAt1f5VvvyYLwwAX3bk8ljIYplMBWJN5D"
                + "sl0kT9YPYphbWtWESLX9X/LgpgD7t299m4Fi0OEyamL0jF4pRgvTha3vUIEtcgaJ"
                + "3WNGVFQRBHgu8lIUmI6hO7swCMnIG+CcjCRo0ez/e0JyK6ONVFuuwt38FSam+Nrk"
                + "vDqvhmKaNFwJpkWuSW3p+j5fjWVsf39arIodLU4XxNr32LaqKncld24bRYhg35CG"
                + "/saax0girQznwhje0AH0tLMCAwEAAQ==";
        String signature = "hTeEP+iUWllMWISqbXErKglCqy9vLpKzCnIeHfm7CbvDu+oNmND1l4NcLhap4HSqMg1Z"
                + "Jwdtf7MACWz7p1Y3zpRajjjlRtaj+MojKBUGkz0MR4ciKkiRlmR7eW4wVOSXfr3vFPK1"
                + "uI0sySj5uDyuLzViGzTHyS7M1fVawkecMvzjt43f736H6QbRJLwMO1+1uVgXxcAwyH+q"
                + "G5rLIG0YDUKpA4wKsNDJ/f8ZjtlamJJjtreOslh9PlOWDxRIGzCSitBrHS+9bKwr5G52"
                + "sSycAx+f9+sGYCoKhIhZuPK9bDmpjyv/5eHZ0v43FufOQw1WV5dWENlo4NgQb3wbTyWB"
                + "i8YZEMZ1rMGcTzEeCo32CaZmF6zULJzcM4KYMEN1X48ED6SlTJOHABGEkzelDNl66hgR"
                + "ftSi8enovIgHgtIu/E8OCIAz2yQ9yeCsHBpPcis0GFGjKiotQjhMlm9KkTl+pOfPhpzY"
                + "f3T1jGVQ1DkNGXJc10d+tKv+Vl26H3Z56B8gnjAzE4p4aLyxg8PQLKz/ugm4vQ9z3GSB"
                + "wIpIc581pKP/dQ3Fmcn8+Kx7UaRTEh5n+OMcdDlkyzvP/1pUevHlaQE874BlQbPKV7Sl"
                + "us4kTb/8bytFjX6m4gx7t08Su+OIj9ibuLa7Vs9jjFCQBzv4s0nJabORpY6p4hZ7qcq3"
                + "N4Y=";
        PublicKey key = KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
        byte[] payload = "payload".getBytes(StandardCharsets.US_ASCII);

        assertThat(TemboardSignature.verify(key, signature, payload)).isTrue();
        assertThat(TemboardSignature.verify(key, signature, "payloadx".getBytes(StandardCharsets.US_ASCII)))
                .isFalse();
        assertThat(TemboardSignature.verify(key, "x" + signature, payload)).isFalse();
    }

    @Test
    void signsWhatItVerifiesAndNothingElse() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        byte[] canonical = TemboardSignature.canonicalRequest("GET", "/activity", headers(), new byte[0]);

        String signature = TemboardSignature.sign(pair.getPrivate(), canonical);

        assertThat(Base64.getDecoder().decode(signature)).hasSize(256);
        assertThat(TemboardSignature.verify(pair.getPublic(), signature, canonical))
                .isTrue();
        canonical[0] = 'P';
        assertThat(TemboardSignature.verify(pair.getPublic(), signature, canonical))
                .isFalse();
    }

    @Test
    void dateIsCompactUtc() {
        assertThat(TemboardSignature.formatDate(Instant.parse("2026-11-23T19:35:27.9Z")))
                .isEqualTo("20261123T193527Z");
    }
}
