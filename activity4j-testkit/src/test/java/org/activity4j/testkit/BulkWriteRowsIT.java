package org.activity4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.Computer;
import org.activity4j.core.JsonValue;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rows a bulk write leaves, on every major of the test matrix: {@code createActivities} of a large batch
 * writes exactly the word rows that V6's {@code summary_words} (the baseline's definition, before version 2) gives for each
 * summary, the tag rows that V7 defines (one per activity and tag of its computer), and state rows that say
 * what the returned activities say; {@code importActivities} of those activities into another schema writes
 * the very same rows in every table.
 */
@ParameterizedClass(name = "PostgreSQL {0}")
@MethodSource("org.activity4j.testkit.PostgresVersions#matrix")
class BulkWriteRowsIT {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final String V6 = "/org/activity4j/core/internal/migrations/V1__baseline.sql";
    private static final List<String> TABLES =
            List.of("activity", "activity_state", "activity_word", "summary_word", "activity_tag");

    @Parameter
    int major;

    @Test
    void createAndImportWriteTheRowsOfTheSchemasDefinitions() throws SQLException {
        try (TestDatabase db = TestPostgres.of(major).createDatabase()) {
            String created = "created_" + SCHEMAS.incrementAndGet();
            String imported = "imported_" + SCHEMAS.incrementAndGet();
            TestClock clock = TestClock.at("2024-01-01T00:00:00.000001Z");
            ActivityStore store = ActivityStores.postgres(db.dataSource(), created, clock);
            ActivityStore copy = ActivityStores.postgres(db.dataSource(), imported, clock);
            Random random = new Random(7);
            for (ActivityStore s : List.of(store, copy)) {
                for (int p = 1; p <= 20; p++) {
                    s.registerPerson(new Person(p, "Person " + p, "p" + p + "@example.com"));
                }
                for (int c = 1; c <= 300; c++) {
                    s.registerComputer(Computer.builder(c, "host" + c)
                            .tags(c % 7 == 0 ? Set.of() : Set.of("tag" + c % 5, "Tag" + c % 11))
                            .build());
                }
            }
            List<Activity> all = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                clock.advance(Duration.ofSeconds(1));
                List<NewActivity> batch = new ArrayList<>();
                for (int i = 0; i < 3_000; i++) {
                    NewActivity.Builder b = NewActivity.builder("Type" + i % 9, 1 + i % 20)
                            .summary(summary(random))
                            .requiresApproval(i % 5 == 0)
                            .detail("n", JsonValue.of(i));
                    if (i % 4 != 0) {
                        b.computerId(1 + random.nextInt(300));
                    }
                    if (i % 50 == 1) {
                        b.deliverAfter(clock.instant().plusSeconds(i));
                    }
                    if (round > 0 && i % 10 == 3) {
                        b.parentId(all.get(i).id());
                    }
                    batch.add(b.build());
                }
                List<Activity> done = store.createActivities(batch);
                for (int i = 1; i < done.size(); i++) {
                    assertThat(done.get(i).id()).isGreaterThan(done.get(i - 1).id());
                    assertThat(done.get(i).creationTime()).isEqualTo(clock.instant());
                }
                all.addAll(done);
            }
            db.execute(versionSixFunction(created));

            assertThat(Rows.strings(
                            db.dataSource(),
                            "SELECT count(*) FROM ((SELECT account, word, creation_time, id FROM " + created
                                    + ".activity_word EXCEPT ALL SELECT a.account, w, a.creation_time, a.id FROM "
                                    + created + ".activity a, " + created + ".summary_words_v6(a.summary) w)"
                                    + " UNION ALL (SELECT a.account, w, a.creation_time, a.id FROM " + created
                                    + ".activity a, " + created + ".summary_words_v6(a.summary) w EXCEPT ALL"
                                    + " SELECT account, word, creation_time, id FROM " + created
                                    + ".activity_word)) d"))
                    .containsExactly("0");
            assertThat(Rows.strings(
                            db.dataSource(),
                            "SELECT count(*) FROM ((SELECT account, tag, creation_time, id, computer_id FROM "
                                    + created + ".activity_tag EXCEPT ALL SELECT a.account, t.tag, a.creation_time,"
                                    + " a.id, a.computer_id FROM " + created + ".activity a JOIN " + created
                                    + ".computer_tag t ON t.account = a.account AND t.computer_id = a.computer_id)"
                                    + " UNION ALL (SELECT a.account, t.tag, a.creation_time, a.id, a.computer_id FROM "
                                    + created + ".activity a JOIN " + created + ".computer_tag t ON t.account ="
                                    + " a.account AND t.computer_id = a.computer_id EXCEPT ALL SELECT account, tag,"
                                    + " creation_time, id, computer_id FROM " + created + ".activity_tag)) d"))
                    .containsExactly("0");
            assertThat(Rows.strings(db.dataSource(), "SELECT count(*) FROM " + created + ".activity_tag"))
                    .doesNotContain("0");
            for (Activity a : List.of(all.get(0), all.get(4_444), all.get(all.size() - 1))) {
                assertThat(store.activity(a.id())).contains(a);
            }

            assertThat(copy.importActivities(all)).containsExactlyElementsOf(all);
            for (String table : TABLES) {
                assertThat(Rows.strings(
                                db.dataSource(),
                                "SELECT count(*) FROM ((TABLE " + created + "." + table + " EXCEPT ALL TABLE "
                                        + imported + "." + table + ") UNION ALL (TABLE " + imported + "." + table
                                        + " EXCEPT ALL TABLE " + created + "." + table + ")) d"))
                        .as(table)
                        .containsExactly("0");
            }
            assertThat(Rows.strings(db.dataSource(), "SELECT last_value FROM " + imported + ".activity_id"))
                    .containsExactly(Long.toString(all.get(all.size() - 1).id()));
        }
    }

    /** Words of every kind: repeated, mixed case, non-ASCII, runs of spaces, now and then longer than 256. */
    private static String summary(Random random) {
        StringBuilder s = new StringBuilder();
        for (int w = random.nextInt(7); w >= 0; w--) {
            s.append(" ".repeat(random.nextInt(2) + (random.nextInt(10) == 0 ? 1 : 0)));
            switch (random.nextInt(6)) {
                case 0 -> s.append("Restart");
                case 1 -> s.append("word").append(random.nextInt(200));
                case 2 -> s.append("Café-ÉTÉ");
                case 3 -> s.append("x".repeat(random.nextInt(10) == 0 ? 200 + random.nextInt(400) : 3));
                case 4 -> s.append("UPPER").append(random.nextInt(5));
                default -> s.append("the");
            }
        }
        return s.toString();
    }

    /** The baseline's summary_words (from the old V6), renamed summary_words_v6. */
    private static String versionSixFunction(String schema) {
        try (InputStream in = Objects.requireNonNull(BulkWriteRowsIT.class.getResourceAsStream(V6))) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int start = script.indexOf("CREATE FUNCTION ${schema}.summary_words(");
            int end = script.indexOf("$$;", start) + 3;
            return script.substring(start, end).replace("${schema}.summary_words(", schema + ".summary_words_v6(");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
