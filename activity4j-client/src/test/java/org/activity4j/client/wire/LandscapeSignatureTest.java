package org.activity4j.client.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/** Signature version 2: the published vector and properties; {@code -DQT_SEED=<seed>} replays a failure. */
class LandscapeSignatureTest {

    private static Map<String, String> vectorParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("access_key_id", "0GS7553JW74RRM612K02EXAMPLE");
        p.put("action", "GetActivities");
        p.put("limit", "20");
        p.put("query", "status:succeeded computer:tag:laptop");
        p.put("signature_method", "HmacSHA256");
        p.put("signature_version", "2");
        p.put("timestamp", "2011-08-18T08:07:00Z");
        p.put("version", "2011-08-01");
        return p;
    }

    @Test
    void canonicalStringOfThePublishedVector() {
        assertThat(LandscapeParams.encode(vectorParams()))
                .isEqualTo("access_key_id=0GS7553JW74RRM612K02EXAMPLE&action=GetActivities&limit=20"
                        + "&query=status%3Asucceeded%20computer%3Atag%3Alaptop&signature_method=HmacSHA256"
                        + "&signature_version=2&timestamp=2011-08-18T08%3A07%3A00Z&version=2011-08-01");
    }

    @Test
    void signatureOfThePublishedVector() {
        assertThat(LandscapeSignature.signature(
                        "secretkeyEXAMPLE", "GET", "landscape.canonical.com", "/api/", vectorParams()))
                .isEqualTo("FaTXORunouL4RFNNI/dZewBipcu8BHIZB35vHx3tTRM=");
    }

    @Test
    void signerAddsTheAuthenticationParametersOfThePublishedVector() {
        Map<String, String> signed = LandscapeSignature.of("0GS7553JW74RRM612K02EXAMPLE", "secretkeyEXAMPLE")
                .sign(
                        "GET",
                        URI.create("https://landscape.canonical.com/api/"),
                        Map.of(
                                "action", "GetActivities",
                                "limit", "20",
                                "query", "status:succeeded computer:tag:laptop",
                                "version", "2011-08-01"),
                        Instant.parse("2011-08-18T08:07:00.750Z"));
        assertThat(signed).containsEntry("timestamp", "2011-08-18T08:07:00Z");
        assertThat(signed).containsEntry("signature", "FaTXORunouL4RFNNI/dZewBipcu8BHIZB35vHx3tTRM=");
    }

    @Test
    void hostCarriesThePortOnlyWhenTheUrlNamesOne() {
        assertThat(LandscapeSignature.hostOf(URI.create("https://Landscape.Example.COM/api/")))
                .isEqualTo("landscape.example.com");
        assertThat(LandscapeSignature.hostOf(URI.create("http://127.0.0.1:8080/api/")))
                .isEqualTo("127.0.0.1:8080");
        assertThat(LandscapeSignature.pathOf(URI.create("http://127.0.0.1:8080")))
                .isEqualTo("/");
    }

    @Test
    void verifyRefusesAMissingSignature() {
        assertThat(LandscapeSignature.verify("secretkeyEXAMPLE", "GET", "h", "/api/", vectorParams()))
                .isFalse();
    }

    private static final Gen<String> TEXT = strings()
            .basicLatinAlphabet()
            .ofLengthBetween(0, 12)
            .mix(strings().allPossible().ofLengthBetween(0, 6));

    private static final Gen<Map<String, String>> PARAMS = lists().of(
                    strings().basicLatinAlphabet().ofLengthBetween(1, 8))
            .ofSizeBetween(1, 6)
            .zip(lists().of(TEXT).ofSize(6), (names, values) -> {
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    m.put(names.get(i), values.get(i));
                }
                return m;
            });

    private static final Gen<String> HOST = Generate.pick(List.of("landscape.canonical.com", "127.0.0.1:8080", "a.b"));
    private static final Gen<String> PATH = Generate.pick(List.of("/api/", "/", "/api", "/x/api/"));
    private static final Gen<String> VERB = Generate.pick(List.of("GET", "POST"));

    @Test
    void signThenVerifyHolds() {
        qt().forAll(PARAMS, VERB, HOST, PATH).checkAssert((params, verb, host, path) -> {
            Map<String, String> signed = new LinkedHashMap<>(params);
            signed.put("signature", LandscapeSignature.signature("s3cret", verb, host, path, params));
            assertThat(LandscapeSignature.verify("s3cret", verb, host, path, signed))
                    .isTrue();
        });
    }

    @Test
    void changingAParameterValueBreaksTheSignature() {
        qt().forAll(PARAMS, integers().between(0, 5), TEXT).checkAssert((params, index, newValue) -> {
            String name = List.copyOf(params.keySet()).get(index % params.size());
            Map<String, String> signed = signed(params);
            String old = java.util.Objects.requireNonNull(signed.get(name));
            if (encodesSame(newValue, old)) {
                return;
            }
            signed.put(name, newValue);
            assertThat(LandscapeSignature.verify("s3cret", "GET", "h.example", "/api/", signed))
                    .isFalse();
        });
    }

    @Test
    void addingOrRemovingAParameterBreaksTheSignature() {
        qt().forAll(PARAMS, strings().basicLatinAlphabet().ofLengthBetween(1, 8))
                .checkAssert((params, extra) -> {
                    Map<String, String> signed = signed(params);
                    Map<String, String> more = new LinkedHashMap<>(signed);
                    if (more.put(extra, "x") == null && !extra.equals("signature")) {
                        assertThat(LandscapeSignature.verify("s3cret", "GET", "h.example", "/api/", more))
                                .isFalse();
                    }
                    Map<String, String> fewer = new LinkedHashMap<>(signed);
                    fewer.remove(params.keySet().iterator().next());
                    assertThat(LandscapeSignature.verify("s3cret", "GET", "h.example", "/api/", fewer))
                            .isFalse();
                });
    }

    @Test
    void changingTheVerbHostOrPathBreaksTheSignature() {
        qt().forAll(PARAMS, VERB, HOST, PATH).checkAssert((params, verb, host, path) -> {
            Map<String, String> signed = signed(params);
            boolean same = verb.equals("GET") && host.equals("h.example") && path.equals("/api/");
            assertThat(LandscapeSignature.verify("s3cret", verb, host, path, signed))
                    .isEqualTo(same);
        });
    }

    @Test
    void anotherSecretBreaksTheSignature() {
        qt().forAll(PARAMS, strings().basicLatinAlphabet().ofLengthBetween(1, 10))
                .assuming((params, secret) -> !secret.equals("s3cret"))
                .checkAssert((params, secret) -> assertThat(
                                LandscapeSignature.verify(secret, "GET", "h.example", "/api/", signed(params)))
                        .isFalse());
    }

    private static Map<String, String> signed(Map<String, String> params) {
        Map<String, String> signed = new LinkedHashMap<>(params);
        signed.put("signature", LandscapeSignature.signature("s3cret", "GET", "h.example", "/api/", params));
        return signed;
    }

    /** Unpaired surrogates all encode as '?' (UTF-8 of Java strings), so two such values sign alike. */
    private static boolean encodesSame(String a, String b) {
        return LandscapeParams.percentEncode(a).equals(LandscapeParams.percentEncode(b));
    }
}
