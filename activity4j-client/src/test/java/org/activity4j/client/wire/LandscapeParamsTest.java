package org.activity4j.client.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.activity4j.core.WireFormatException;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

class LandscapeParamsTest {

    @Test
    void percentEncodesPerRfc3986() {
        assertThat(LandscapeParams.percentEncode("a-b_c.d~e f:+/é")).isEqualTo("a-b_c.d~e%20f%3A%2B%2F%C3%A9");
    }

    @Test
    void decodesQueryStringsAndFormBodies() {
        assertThat(LandscapeParams.decode("action=GetActivities&query=status:succeeded+computer:tag:laptop&limit=20"))
                .containsExactly(
                        Map.entry("action", "GetActivities"),
                        Map.entry("query", "status:succeeded computer:tag:laptop"),
                        Map.entry("limit", "20"));
        assertThat(LandscapeParams.decode("a=%C3%A9&&b")).containsExactly(Map.entry("a", "é"), Map.entry("b", ""));
    }

    @Test
    void rejectsBadEscapesDuplicatesAndBadUtf8() {
        for (String bad : List.of("a=%", "a=%4", "a=%G1", "a=1&a=2", "a=%C3", "=x", "a=%٣٣")) {
            assertThat(catchThrowableOfType(WireFormatException.class, () -> LandscapeParams.decode(bad)))
                    .as(bad)
                    .isNotNull();
        }
    }

    @Test
    void listsTravelAsNumberedParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        LandscapeParams.putList(p, "ids", List.of("7", "8"));
        assertThat(p).containsExactly(Map.entry("ids.1", "7"), Map.entry("ids.2", "8"));
        assertThat(LandscapeParams.list(LandscapeParams.decode(LandscapeParams.encode(p)), "ids"))
                .containsExactly("7", "8");
        assertThat(LandscapeParams.list(Map.of(), "ids")).isEmpty();
        WireFormatException gap = catchThrowableOfType(
                WireFormatException.class, () -> LandscapeParams.list(Map.of("ids.1", "a", "ids.3", "c"), "ids"));
        assertThat(gap.field()).isEqualTo("ids.2");
    }

    private static final Gen<String> TEXT =
            strings().allPossible().ofLengthBetween(0, 12).map(s -> LandscapeParamsTest.wellFormed(s));

    @Test
    void encodedParametersDecodeToTheSame() {
        qt().forAll(lists().of(TEXT).ofSizeBetween(0, 5), lists().of(TEXT).ofSize(5))
                .checkAssert((names, values) -> {
                    Map<String, String> p = new LinkedHashMap<>();
                    for (int i = 0; i < names.size(); i++) {
                        if (!names.get(i).isEmpty()) {
                            p.put(names.get(i), values.get(i));
                        }
                    }
                    assertThat(LandscapeParams.decode(LandscapeParams.encode(p)))
                            .isEqualTo(p);
                });
    }

    @Test
    void decodeThrowsNothingButWireFormatException() {
        qt().forAll(lists().of(Generate.pick(
                                List.of("a", "=", "&", "%", "+", "4", "C3", "A9", "G", "é", ".1", "\uD800")))
                        .ofSizeBetween(0, 12)
                        .map(l -> String.join("", l)))
                .checkAssert(text -> {
                    try {
                        LandscapeParams.decode(text);
                    } catch (WireFormatException e) {
                        assertThat(e.getMessage()).isNotBlank();
                    }
                });
    }

    /** {@code s} with every unpaired surrogate replaced by '?', as its UTF-8 encoding has it. */
    static String wellFormed(String s) {
        return new String(s.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theCanonicalFormSortsRawNamesAsCanonicalsClientDoes() {
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("aé", "2");
        p.put("a~", "1");
        p.put("a\uD83D\uDE00", "3"); // U+1F600 sorts after U+FFFD by code point, before it in UTF-16 units
        p.put("a\uFFFD", "4");

        assertThat(LandscapeParams.encode(p))
                .isEqualTo("a~=1&a%C3%A9=2&a%EF%BF%BD=4&a%F0%9F%98%80=3")
                .isEqualTo(LandscapeParams.encode(p, LandscapeParams.Order.RAW_NAMES));
        assertThat(LandscapeParams.encode(p, LandscapeParams.Order.ENCODED_NAMES))
                .isEqualTo("a%C3%A9=2&a%EF%BF%BD=4&a%F0%9F%98%80=3&a~=1");
    }
}
