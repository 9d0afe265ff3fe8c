package org.activity4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.activity4j.core.ActivityStores;
import org.activity4j.testkit.TestClock;
import org.activity4j.testkit.TestDatabase;
import org.activity4j.testkit.TestPostgres;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The schema's {@code summary_words} on one word of {@code length} random lowercase letters, as an insert
 * calls it (on a row of a table), side by side in the same database of PostgreSQL {@code major}: the
 * function of the old schema version 6 ({@code v6}, quadratic in the length of a word), of schema version 2
 * ({@code v2}, linear, a regular expression cuts the word) and the current one ({@code current}: since
 * version 3 an ASCII word's windows are cut by bytes).
 * Calls are cut at 30 s ({@code statement_timeout}); such a shot prints "timed out" and scores 30 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, batchSize = 1)
@Measurement(iterations = 3, batchSize = 1)
@Fork(1)
public class SummaryWordsBenchmark {
    private static final String V6 = "/org/activity4j/core/internal/migrations/V1__baseline.sql";
    private static final String V2 = "/org/activity4j/core/internal/migrations/V2__summary_words_linear.sql";

    @Param({"18", "12"})
    public int major;

    @Param({"25000", "50000", "100000", "200000", "2000000"})
    public int length;

    @Param({"v6", "v2", "current"})
    public String function = "";

    private @Nullable TestDatabase database;
    private @Nullable Connection connection;

    @Setup(Level.Trial)
    public void setUp() throws SQLException, IOException {
        TestDatabase db = TestPostgres.of(major).createDatabase();
        database = db;
        ActivityStores.postgres(db.dataSource(), "words", TestClock.at("2024-01-01T00:00:00Z"));
        db.execute(function(V6, "CREATE FUNCTION ${schema}.summary_words(", "summary_words_v6"));
        db.execute(function(V2, "CREATE OR REPLACE FUNCTION ${schema}.summary_words(", "summary_words_v2"));
        Connection c = db.dataSource().getConnection();
        connection = c;
        StringBuilder word = new StringBuilder(length);
        Random random = new Random(42);
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE words.one_word (summary text NOT NULL)");
            s.execute("SET statement_timeout = '30s'");
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO words.one_word VALUES (?)")) {
            p.setString(1, word.toString());
            p.executeUpdate();
        }
    }

    /** The function that {@code script} creates from {@code header} on, renamed {@code words.<name>}. */
    private static String function(String script, String header, String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(SummaryWordsBenchmark.class.getResourceAsStream(script))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int start = text.indexOf(header);
            return text.substring(start, text.indexOf("$$;", start) + 3)
                    .replace("${schema}.summary_words(", "words." + name + "(");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws SQLException {
        if (connection != null) {
            connection.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Benchmark
    public long summaryWords() throws SQLException {
        String name = function.equals("current") ? "summary_words" : "summary_words_" + function;
        try (Statement s = Objects.requireNonNull(connection).createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT count(*) FROM words.one_word o, words." + name + "(o.summary) w")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if ("57014".equals(e.getSQLState())) {
                System.out.printf(
                        "# PostgreSQL %d, %s, %,d characters: timed out after 30 s%n", major, function, length);
                return -1;
            }
            throw e;
        }
    }
}
