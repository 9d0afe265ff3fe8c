package org.activity4j.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonValueTest {

    @Test
    void parsesTheSeedDocumentsChangesField() {
        JsonValue changes = JsonValue.parse(
                "[{\"package\": \"python-twisted-conch\", \"type\": \"install\", \"version\": \"1:0.8.0-1\","
                        + " \"complemented\": false}]");
        assertThat(changes)
                .isEqualTo(JsonValue.array(List.of(JsonValue.object(Map.of(
                        "package", JsonValue.of("python-twisted-conch"),
                        "type", JsonValue.of("install"),
                        "version", JsonValue.of("1:0.8.0-1"),
                        "complemented", JsonValue.of(false))))));
    }

    @Test
    void writesCompactJsonInMemberOrder() {
        JsonValue v = JsonValue.parse("{ \"b\" : [1, 2.50, -3e2], \"a\": null, \"s\": \"q\\\"\\n\\u00e9\" }");
        assertThat(v.toJson()).isEqualTo("{\"b\":[1,2.50,-3E+2],\"a\":null,\"s\":\"q\\\"\\né\"}");
    }

    @Test
    void numbersCompareByValue() {
        assertThat(JsonValue.parse("1.0")).isEqualTo(JsonValue.of(1)).hasSameHashCodeAs(JsonValue.of(1));
        assertThat(JsonValue.parse("0.00")).isEqualTo(JsonValue.of(BigDecimal.ZERO));
    }

    @Test
    void loneSurrogatesSurviveTheText() {
        JsonValue s = JsonValue.of("a\ud800b");
        assertThat(s.toJson()).isEqualTo("\"a\\ud800b\"");
        assertThat(JsonValue.parse(s.toJson())).isEqualTo(s);
    }

    @Test
    void badTextIsRefusedWithItsPosition() {
        assertThatThrownBy(() -> JsonValue.parse("[1,]")).hasMessageContaining("position 3");
        assertThatThrownBy(() -> JsonValue.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("duplicate member");
        assertThatThrownBy(() -> JsonValue.parse("01")).hasMessageContaining("unexpected text");
        assertThatThrownBy(() -> JsonValue.parse("\"\\x\"")).hasMessageContaining("bad escape");
        assertThatThrownBy(() -> JsonValue.parse("")).hasMessageContaining("end of JSON");
        assertThatThrownBy(() -> JsonValue.parse("1e99999999999")).hasMessageContaining("out of range");
    }

    @Test
    void deepNestingIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        assertThatThrownBy(() -> JsonValue.parse(deep)).hasMessageContaining("nested deeper than 256");
    }

    @Test
    void writesValuesOfAnyDepthWithoutExhaustingTheStack() {
        JsonValue v = JsonValue.of(1);
        for (int i = 0; i < 100_000; i++) {
            v = i % 2 == 0 ? JsonValue.array(List.of(v, JsonValue.of(i))) : JsonValue.object(Map.of("k", v));
        }
        String json = v.toJson();

        assertThat(json.chars().filter(c -> c == '[').count()).isEqualTo(50_000);
        assertThat(json.chars().filter(c -> c == '}').count()).isEqualTo(50_000);
        assertThat(json.substring(0, 12)).isEqualTo("{\"k\":[{\"k\":[");
        assertThat(json.substring(json.length() - 23)).isEqualTo("99994]},99996]},99998]}");
        assertThatThrownBy(() -> JsonValue.parse(json)).hasMessageContaining("deeper than");
    }

    @Test
    void writesNestedArraysAndObjectsWithCommasInOrder() {
        JsonValue v = JsonValue.parse("[[],{},[1,[2,{\"a\":[3,4],\"b\":{}}]],{\"c\":[[]]},5]");
        assertThat(v.toJson()).isEqualTo("[[],{},[1,[2,{\"a\":[3,4],\"b\":{}}]],{\"c\":[[]]},5]");
    }
}
