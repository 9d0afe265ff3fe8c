package org.activity4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SubstringSetTest {
    @Test
    void findsAStringThatEndsInsideAnother() {
        SubstringSet set = SubstringSet.of(List.of("she", "his", "hers", "e"));

        assertThat(set.foundIn("ushers")).isTrue();
        assertThat(set.foundIn("xhix")).isFalse();
        assertThat(SubstringSet.of(List.of("abcd", "bc")).foundIn("xabcx")).isTrue();
        assertThat(SubstringSet.of(List.of("abcd", "bcx")).foundIn("abcx")).isTrue();
        assertThat(SubstringSet.of(List.of("aab")).foundIn("aaab")).isTrue();
        assertThat(SubstringSet.of(List.of("aab")).foundIn("abab")).isFalse();
    }

    @Test
    void theEmptyStringIsInEveryTextAndNoStringInAnEmptySet() {
        assertThat(SubstringSet.of(List.of("x", "")).foundIn("")).isTrue();
        assertThat(SubstringSet.of(List.of()).foundIn("anything")).isFalse();
        assertThat(SubstringSet.of(List.of("\uD83D\uDE00")).foundIn("a\uD83D\uDE00b"))
                .isTrue();
    }

    @Test
    void meansWhatContainsOfEachMeans() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        for (int round = 0; round < 2_000; round++) {
            List<String> strings = new ArrayList<>();
            int n = random.nextInt(6);
            for (int i = 0; i < n; i++) {
                strings.add(word(random, 1 + random.nextInt(4)));
            }
            String text = word(random, random.nextInt(12));
            boolean expected = strings.stream().anyMatch(text::contains);
            assertThat(SubstringSet.of(strings).foundIn(text))
                    .as("seed %d: %s in %s", seed, strings, text)
                    .isEqualTo(expected);
        }
    }

    /** A string over a three-letter alphabet, so that strings overlap often. */
    private static String word(Random random, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append("abc".charAt(random.nextInt(3)));
        }
        return s.toString();
    }
}
