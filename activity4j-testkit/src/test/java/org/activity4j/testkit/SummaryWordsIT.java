package org.activity4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.activity4j.core.ActivityStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema's {@code summary_words} (linear in the length of a word since schema version 2; windows of ASCII words
 * cut by bytes since version 3) gives exactly the words and windows of the V6 one it replaces (quadratic), on
 * every major of the test matrix: generated summaries with words around every window boundary, upper and lower
 * case, non-ASCII letters, ASCII-only words with backslashes and quotes, newlines and runs of spaces, compared
 * with V6's function created beside it.
 */
@ParameterizedClass(name = "PostgreSQL {0}")
@MethodSource("org.activity4j.testkit.PostgresVersions#matrix")
class SummaryWordsIT {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final String V6 = "/org/activity4j/core/internal/migrations/V1__baseline.sql";
    /** Characters of the generated words: ASCII both cases, Latin-1, Greek, a non-BMP emoji, a newline. */
    private static final String[] CHARACTERS = {"a", "B", "z", "Z", "0", "-", "é", "É", "ß", "Σ", "\uD83D\uDE00", "\n"};
    /** The one character of the plain words. */
    private static final String[] X = {"x"};
    /** Characters of the generated ASCII-only words (the byte-cut windows): both cases, backslash, quotes, DEL. */
    private static final String[] ASCII = {"a", "B", "z", "Z", "0", "\\", "'", "\"", "%", "\t", "\u007f", "\\0"};

    @Parameter
    int major;

    @Test
    void givesTheWordsAndWindowsOfVersionSix() throws SQLException {
        try (TestDatabase db = TestPostgres.of(major).createDatabase()) {
            String schema = "words_" + SCHEMAS.incrementAndGet();
            ActivityStores.postgres(db.dataSource(), schema, TestClock.at("2024-01-01T00:00:00Z"));
            db.execute(versionSixFunction(schema));
            long seed = Long.getLong("activity4j.test.seed", System.nanoTime());
            Random random = new Random(seed);
            List<String> summaries = new ArrayList<>();
            int[] lengths = {0, 1, 2, 127, 128, 129, 255, 256, 257, 383, 384, 385, 511, 512, 513, 1000, 4096};
            for (int length : lengths) {
                summaries.add(word(random, length, X));
                summaries.add(word(random, length, CHARACTERS));
                summaries.add(word(random, length, ASCII));
                summaries.add(
                        "Run " + word(random, length, CHARACTERS) + "  then " + word(random, length, ASCII) + " ");
            }
            for (int i = 0; i < 300; i++) {
                StringBuilder s = new StringBuilder();
                for (int w = random.nextInt(6); w >= 0; w--) {
                    s.append(" ".repeat(random.nextInt(3)))
                            .append(word(
                                    random,
                                    random.nextInt(random.nextBoolean() ? 20 : 700),
                                    random.nextBoolean() ? CHARACTERS : ASCII));
                }
                summaries.add(s.toString());
            }
            try (Connection c = db.dataSource().getConnection();
                    PreparedStatement p = c.prepareStatement("SELECT ARRAY(SELECT w FROM " + schema
                            + ".summary_words(?) w ORDER BY w COLLATE \"C\"), ARRAY(SELECT w FROM " + schema
                            + ".summary_words_v6(?) w ORDER BY w COLLATE \"C\")")) {
                // The function bodies' literals must not depend on this setting (E'' strings).
                for (String conforming : List.of("on", "off")) {
                    try (Statement set = c.createStatement()) {
                        set.execute("SET standard_conforming_strings = " + conforming);
                    }
                    for (String summary : summaries) {
                        p.setString(1, summary);
                        p.setString(2, summary);
                        try (ResultSet rs = p.executeQuery()) {
                            rs.next();
                            assertThat(strings(rs.getArray(1)))
                                    .as(
                                            "words of a summary of %d characters (seed %d, standard_conforming_strings %s)",
                                            summary.length(), seed, conforming)
                                    .containsExactlyElementsOf(strings(rs.getArray(2)));
                        }
                    }
                }
            }
        }
    }

    /** A word of two million characters is indexed as its windows (in linear time; no timing is asserted). */
    @Test
    void indexesAWordOfTwoMillionCharactersAsWindows() throws SQLException {
        try (TestDatabase db = TestPostgres.of(major).createDatabase()) {
            String schema = "long_" + SCHEMAS.incrementAndGet();
            ActivityStores.postgres(db.dataSource(), schema, TestClock.at("2024-01-01T00:00:00Z"));
            assertThat(Rows.strings(
                            db.dataSource(),
                            "SELECT count(*) || ' ' || min(length(w)) || ' ' || max(length(w)) FROM " + schema
                                    + ".summary_words((SELECT string_agg(md5(g::text), '' ORDER BY g) FROM"
                                    + " generate_series(1, 62500) g)) w")) // 2,000,000 characters
                    .containsExactly((2_000_000 / 128) + " 128 256");
        }
    }

    /** A word of {@code length} characters drawn from {@code characters}. */
    private static String word(Random random, int length, String[] characters) {
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < length; i++) {
            w.append(characters[random.nextInt(characters.length)]);
        }
        return w.toString();
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    /** The baseline's summary_words (from the old V6), renamed summary_words_v6. */
    private static String versionSixFunction(String schema) {
        try (InputStream in = Objects.requireNonNull(SummaryWordsIT.class.getResourceAsStream(V6))) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int start = script.indexOf("CREATE FUNCTION ${schema}.summary_words(");
            int end = script.indexOf("$$;", start) + 3;
            return script.substring(start, end)
                    .replace("${schema}.summary_words(", '"' + schema + "\".summary_words_v6(");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
