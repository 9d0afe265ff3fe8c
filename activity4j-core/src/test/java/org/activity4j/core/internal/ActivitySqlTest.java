package org.activity4j.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.activity4j.core.internal.ActivitySql.Source;
import org.activity4j.query.ActivityStatus;
import org.activity4j.query.QueryCriteria;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ActivitySqlTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "id:5|.id = ?|5",
                "parent-id:5|a.parent_id = ?|5",
                "status:failed|s.status = ?|failed",
                "created-after:2024-01-01|a.creation_time >= ?|2024-01-01",
                "created-before:2024-01-01|a.creation_time < ?|2024-01-01",
                "creator:jane@example.com|p.email_folded = ?|jane@example.com",
                "type:RestartRequest|a.type = ?|RestartRequest",
                "upgrade|a.summary|%upgrade%",
                "computer:id:3|c.id = ?|3",
                "computer:tag:laptop|computer_tag t|laptop",
                "computer:hostname:Web1|c.hostname|web1",
                "computer:title:Web1|c.title|web1",
                "computer:distribution:jammy|c.distribution = ?|jammy",
                "computer:access-group:servers|c.access_group = ?|servers",
                "computer:alert:package-upgrades|computer_alert t|package-upgrades",
                "computer:needs:reboot|c.needs_reboot|acme",
                "computer:annotation:env:prod|computer_annotation t|prod",
                "computer:web|strpos(|web",
            })
    void compilesEveryTermType(String query, String fragment, String parameter) {
        ActivitySql.Condition where = ActivitySql.compile(QueryCriteria.parse(query), "\"s\"", "acme");

        assertThat(where.sql()).contains(fragment);
        assertThat(where.parameters())
                .extracting(String::valueOf)
                .anySatisfy(p -> assertThat(p).contains(parameter));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''|ACTIVITY",
                "status:scheduled|STATE",
                "status:scheduled OR status:unapproved|STATE",
                "status:scheduled created-after:2024-01-01 NOT id:5|STATE",
                "id:5 OR id:6 status:failed|STATE",
                "NOT status:canceled|STATE",
                "status:scheduled OR id:7|STATE",
                "NOT status:canceled created-after:2024-01-01 OR id:3|STATE",
                "status:failed type:RestartRequest|BOTH",
                "status:failed computer:tag:laptop|BOTH",
                "created-after:2024-01-01|ACTIVITY",
                "type:RestartRequest upgrade|ACTIVITY",
                "id:5|ACTIVITY",
            })
    void readsOnlyTheTablesTheQueryNeeds(String query, Source expected) {
        ActivitySql.Condition where = ActivitySql.compile(QueryCriteria.parse(query), "\"s\"", "acme");

        assertThat(where.source()).isEqualTo(expected);
        if (expected == Source.STATE) {
            assertThat(where.sql()).doesNotContain("a.");
        }
        if (expected == Source.ACTIVITY) {
            assertThat(where.sql()).doesNotContain("s.");
        }
    }

    @Test
    void bareWordsAreLikePatternsThatMatchOnlyThemselves() {
        ActivitySql.Condition where = ActivitySql.compile(QueryCriteria.parse("\"50%_O\\\\ff\""), "\"s\"", "acme");

        assertThat(where.sql()).contains("LIKE ?").doesNotContain("50");
        assertThat(where.parameters()).containsExactly("%50\\%\\_o\\\\ff%");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Upgrade|upgrade",
                "\"Café_50%\"|café_50%",
                "\"two words\"|",
                "upgrade restart|",
                "upgrade OR restart|",
                "NOT upgrade|",
                "upgrade status:failed|",
                "computer:web|",
                "status:failed|",
                "''|",
            })
    void onlyAQueryThatIsOneWordWithoutSpacesUsesTheWordIndex(String query, String word) {
        assertThat(ActivitySql.indexedWord(QueryCriteria.parse(query))).isEqualTo(java.util.Optional.ofNullable(word));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Upgrade|upgrade",
                "upgrade OR Restart|upgrade,restart",
                "upgrade OR Restart OR upgrade|upgrade,restart",
                "upgrade OR \"two words\"|",
                "upgrade OR NOT restart|",
                "upgrade OR status:failed|",
                "upgrade OR restart status:failed|",
                "upgrade restart|",
            })
    void aQueryThatIsOneOrOfIndexableWordsUsesTheWordIndex(String query, String words) {
        ActivitySql.Condition where = ActivitySql.compile(QueryCriteria.parse(query), "\"s\"", "acme");
        if (words == null) {
            assertThat(where.indexedWords()).isEmpty();
            return;
        }
        assertThat(where.indexedWords()).contains(List.of(words.split(",")));
        assertThat(where.wordCandidates("\"s\"", ""))
                .containsOnlyOnce("LIKE ANY(?)")
                .doesNotContain("EXISTS");
    }

    @Test
    void aWordLongerThanTheIndexAnswersIsLookedUpByItsBeginningAndCheckedInTheSummary() {
        String tooLong = "x".repeat(ActivitySql.INDEXED_WORD_LENGTH + 1);

        ActivitySql.Condition where =
                ActivitySql.compile(QueryCriteria.parse("upgrade OR " + tooLong), "\"s\"", "acme");

        assertThat(where.indexedWords()).contains(List.of("upgrade", tooLong));
        String candidates = where.wordCandidates("\"s\"", " AND TRUE");
        assertThat(candidates.split("LIKE ANY\\(\\?\\)", -1)).hasSize(4);
        assertThat(candidates).containsOnlyOnce(" UNION ALL ").containsOnlyOnce("EXISTS");
        assertThat(candidates.split(" AND TRUE", -1)).hasSize(3);
        assertThat(ActivitySql.indexedWords(QueryCriteria.parse(tooLong))).contains(List.of(tooLong));
        assertThat(ActivitySql.indexedWords(QueryCriteria.parse("upgrade OR 50%_off")))
                .contains(List.of("upgrade", "50%_off"));
    }

    @Test
    void theWordIndexAnswersWordsOfAtMostItsWindowLengthInCodePoints() {
        String longest = "\uD83D\uDE00".repeat(ActivitySql.INDEXED_WORD_LENGTH); // 128 code points, 256 chars
        String tooLong = "x".repeat(ActivitySql.INDEXED_WORD_LENGTH + 1);

        assertThat(ActivitySql.indexedWord(QueryCriteria.text(longest))).contains(longest);
        assertThat(ActivitySql.indexedWord(QueryCriteria.text(tooLong))).isEmpty();
        assertThat(ActivitySql.indexedWord(QueryCriteria.text("nul\u0000"))).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "computer:tag:laptop|laptop",
                "computer:tag:\"Café box\"|Café box",
                "NOT computer:tag:laptop|",
                "computer:tag:laptop OR computer:tag:web|",
                "computer:tag:laptop status:failed|",
                "computer:hostname:laptop|",
                "laptop|",
            })
    void onlyAQueryThatIsOneTagUsesTheTagIndex(String query, String tag) {
        assertThat(ActivitySql.indexedTag(QueryCriteria.parse(query))).isEqualTo(java.util.Optional.ofNullable(tag));
    }

    @Test
    void aLongOrOfOneKeyIsOneArrayConditionAndItsSqlDoesNotGrowWithIt() {
        for (String key : List.of("status:", "type:T", "computer:id:", "computer:tag:t", "w")) {
            List<String> terms = new ArrayList<>();
            for (int i = 1; i <= 3_000; i++) {
                terms.add(
                        key.equals("status:")
                                ? "status:" + ActivityStatus.values()[i % ActivityStatus.values().length].wireName()
                                : key + i);
            }
            String text = String.join(" OR ", terms);
            ActivitySql.Condition compact = ActivitySql.compile(QueryCriteria.parse(text), "\"s\"", "acme");
            ActivitySql.Condition asWritten =
                    ActivitySql.compile(QueryCriteria.parse(text), "\"s\"", "acme", ActivitySql.Form.AS_WRITTEN);

            assertThat(compact.sql()).as(key).contains(" ANY(?)").hasSizeLessThan(400);
            assertThat(compact.parameters()).as(key).hasSizeLessThanOrEqualTo(2);
            assertThat(asWritten.sql().length()).as(key).isGreaterThan(15 * 3_000);
        }
    }

    @Test
    void negatedTermsOfOneKeyAreOneNegatedArrayConditionAndRepeatsAreCompiledOnce() {
        ActivitySql.Condition where = ActivitySql.compile(
                QueryCriteria.parse("NOT type:A NOT type:B x OR x OR y y OR x NOT x OR x"), "\"s\"", "acme");

        assertThat(where.sql())
                .isEqualTo(
                        "NOT (a.type = ANY(?)) AND ((" + String.format(Ascii.SQL_FOLD, "a.summary") + " LIKE ANY(?)))");
        assertThat(where.parameters())
                .extracting(p -> List.of((Object[]) p))
                .containsExactly(List.of("A", "B"), List.of("%x%", "%y%"));
    }

    @Test
    void valuesPostgresqlCannotStoreMatchNothingInAnArrayToo() {
        ActivitySql.Condition where =
                ActivitySql.compile(QueryCriteria.type("a\u0000").or(QueryCriteria.type("b\u0000")), "\"s\"", "acme");

        assertThat(where.sql()).isEqualTo("((FALSE))");
    }
}
