package org.activity4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStatusChangeException;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.Person;
import org.activity4j.query.ActivityStatus;
import org.activity4j.query.QueryParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PostgreSQL store's schema migrations on every major of the test matrix: a version 1 schema with
 * activities in every state is upgraded without losing anything, stores starting together apply each script
 * once, a newer schema is refused, and the trigram indexes (summaries, word dictionary) are there when
 * pg_trgm can be had and missing, without harm, when it cannot.
 */
@ParameterizedClass(name = "PostgreSQL {0}")
@MethodSource("org.activity4j.testkit.PostgresVersions#matrix")
class PostgresActivityStoreMigrationIT {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final String V1 = "/org/activity4j/core/internal/migrations/V1__activities.sql";
    private static final int SCRIPTS = 9;

    @Parameter
    int major;

    @Test
    void upgradesAVersionOneSchemaKeepingEveryActivityAndItsState() throws SQLException {
        try (TestDatabase db = TestPostgres.of(major).createDatabase()) {
            String schema = "v1_" + SCHEMAS.incrementAndGet();
            db.execute(versionOne(schema)
                    + "INSERT INTO " + schema
                    + ".person VALUES ('acme', 1, 'Ann', 'Ann@Example.com', 'ann@example.com');"
                    + "INSERT INTO " + schema
                    + ".person VALUES ('other', 1, 'Bob', 'bob@example.com', 'bob@example.com');"
                    + "INSERT INTO " + schema
                    + ".computer VALUES ('acme', 7, 'web1', 'Web 1', 'global', 'noble', false);"
                    + "INSERT INTO " + schema + ".computer_tag VALUES ('acme', 7, 'laptop');"
                    // id, account, parent, computer, creator, type, status, summary, result text/code, progress,
                    // creation, delivery, completion, modification, approval, deliver-after, details
                    + "INSERT INTO " + schema + ".activity VALUES"
                    + " (1, 'acme', NULL, 7, 1, 'RestartRequest', 'succeeded', 'Restart web1', 'done', 0, 100,"
                    + "  '2024-01-01T10:00:00Z', '2024-01-01T10:01:00Z', '2024-01-01T10:02:00.123456Z',"
                    + "  '2024-01-01T10:02:00.123456Z', NULL, NULL, '{\"package_ids\":[3,1]}'),"
                    + " (2, 'acme', 1, 7, 1, 'ChangePackagesRequest', 'unapproved', 'Upgrade packages', NULL, NULL,"
                    + "  NULL, '2024-01-01T11:00:00Z', NULL, NULL, '2024-01-01T11:00:00Z', NULL, NULL, '{}'),"
                    + " (3, 'acme', NULL, NULL, 1, 'SyncPocketRequest', 'scheduled', 'Sync pocket', NULL, NULL, NULL,"
                    + "  '2024-01-01T12:00:00Z', NULL, NULL, '2024-01-01T12:05:00Z', '2024-01-01T12:05:00Z',"
                    + "  '2030-01-01T00:00:00Z', '{\"pocket_name\":\"main\"}'),"
                    + " (4, 'acme', NULL, 7, 1, 'RestartRequest', 'canceled', 'Restart again', NULL, NULL, NULL,"
                    + "  '2024-01-01T13:00:00Z', NULL, '2024-01-01T13:30:00Z', '2024-01-01T13:30:00Z', NULL, NULL, '{}'),"
                    + " (5, 'other', NULL, NULL, 1, 'RestartRequest', 'undelivered', 'Other account', NULL, NULL, NULL,"
                    + "  '2024-01-01T14:00:00Z', NULL, NULL, '2024-01-01T14:00:00Z', NULL, NULL, '{}');"
                    + "SELECT setval('" + schema + ".activity_id', 5);");

            TestClock clock = TestClock.at("2024-02-01T00:00:00Z");
            ActivityStore store =
                    ActivityStores.postgres(db.dataSource(), schema, clock).forAccount("acme");

            assertThat(versions(db.dataSource(), schema)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
            Person ann = new Person(1, "Ann", "Ann@Example.com");
            assertThat(store.activity(1))
                    .contains(Activity.builder(
                                    1,
                                    "RestartRequest",
                                    ActivityStatus.SUCCEEDED,
                                    ann,
                                    Instant.parse("2024-01-01T10:00:00Z"))
                            .computerId(7)
                            .summary("Restart web1")
                            .resultText("done")
                            .resultCode(0)
                            .progress(100)
                            .deliveryTime(Instant.parse("2024-01-01T10:01:00Z"))
                            .completionTime(Instant.parse("2024-01-01T10:02:00.123456Z"))
                            .modificationTime(Instant.parse("2024-01-01T10:02:00.123456Z"))
                            .details(store.activity(1).orElseThrow().details())
                            .build());
            assertThat(store.activity(1).orElseThrow().details().toString()).contains("package_ids");
            Activity scheduled = store.activity(3).orElseThrow();
            assertThat(scheduled.status()).isEqualTo(ActivityStatus.SCHEDULED);
            assertThat(scheduled.approvalTime()).contains(Instant.parse("2024-01-01T12:05:00Z"));
            assertThat(scheduled.deliverAfterTime()).contains(Instant.parse("2030-01-01T00:00:00Z"));
            assertThat(store.activity(4).orElseThrow().completionTime())
                    .contains(Instant.parse("2024-01-01T13:30:00Z"));
            assertThat(store.activity(2).orElseThrow().parentId()).hasValue(1);
            assertThat(store.activity(5)).isEmpty();
            // Pages read their rows through activity_rows (V4): never another account's, whatever ids it gets.
            assertThat(Rows.strings(
                            db.dataSource(),
                            "SELECT id FROM " + schema + ".activity_rows('acme', ARRAY[5, 4, 3, 2, 1])"))
                    .containsExactlyInAnyOrder("1", "2", "3", "4");

            assertThat(ids(store, "")).containsExactly(4L, 3L, 2L, 1L);
            assertThat(ids(store, "status:unapproved OR status:scheduled")).containsExactly(3L, 2L);
            assertThat(ids(store, "computer:tag:laptop NOT status:canceled")).containsExactly(2L, 1L);
            assertThat(ids(store, "computer:tag:laptop")).containsExactly(4L, 2L, 1L); // V7's tag index
            assertThat(ids(store, "restart")).containsExactly(4L, 1L);
            assertThat(ids(store, "NOT status:canceled")).containsExactly(3L, 2L, 1L);
            assertThat(Rows.strings(
                            db.dataSource(),
                            "SELECT indexdef FROM pg_indexes WHERE schemaname = '" + schema
                                    + "' AND indexname = 'activity_state_newest'"))
                    .singleElement(STRING)
                    .contains("(account, creation_time DESC, id DESC) INCLUDE (status)"); // V8
            // V6 indexed the words of the summaries already there, each account's apart.
            assertThat(Rows.strings(
                            db.dataSource(),
                            "SELECT word FROM " + schema + ".summary_word WHERE account = 'acme' ORDER BY word"))
                    .containsExactly("again", "packages", "pocket", "restart", "sync", "upgrade", "web1");
            assertThat(ids(store, "WEB1")).containsExactly(1L);
            assertThat(ids(store, "ocke")).containsExactly(3L);
            assertThat(ids(store, "other")).isEmpty();

            // The upgraded schema takes every kind of change, and new activities continue the id sequence.
            assertThat(store.approveActivities(QueryParser.defaults().parse("id:2")))
                    .containsExactly(2L);
            assertThatThrownBy(
                            () -> store.cancelActivities(QueryParser.defaults().parse("type:RestartRequest")))
                    .isInstanceOf(ActivityStatusChangeException.class);
            assertThat(store.cancelActivities(QueryParser.defaults().parse("status:scheduled OR status:undelivered")))
                    .containsExactly(2L, 3L);
            assertThat(store.createActivity(org.activity4j.core.NewActivity.builder("RestartRequest", 1)
                                    .summary("Restart once more")
                                    .build())
                            .id())
                    .isEqualTo(6);
            assertThat(ActivityStores.postgres(db.dataSource(), schema, clock)
                            .forAccount("other")
                            .activity(5)
                            .orElseThrow()
                            .status())
                    .isEqualTo(ActivityStatus.UNDELIVERED);
        }
    }

    @Test
    void storesStartingTogetherApplyEachScriptOnce() throws Exception {
        try (TestDatabase db = TestPostgres.of(major).createDatabase()) {
            String schema = "together_" + SCHEMAS.incrementAndGet();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<ActivityStore>> started = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Callable<ActivityStore> start = () ->
                            ActivityStores.postgres(db.dataSource(), schema, TestClock.at("2024-01-01T00:00:00Z"));
                    started.add(pool.submit(start));
                }
                for (Future<ActivityStore> f : started) {
                    f.get().registerPerson(new Person(1, "Ann", "ann@example.com"));
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(versions(db.dataSource(), schema)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
        }
    }

    @Test
    void refusesASchemaNewerThanItKnows() {
        try (TestDatabase db = TestPostgres.of(major).createDatabase()) {
            String schema = "newer_" + SCHEMAS.incrementAndGet();
            ActivityStores.postgres(db.dataSource(), schema, TestClock.at("2024-01-01T00:00:00Z"));
            db.execute("INSERT INTO " + schema + ".schema_version (version, script) VALUES (" + (SCRIPTS + 1) + ", 'V"
                    + (SCRIPTS + 1) + "__from_the_future.sql')");

            assertThatThrownBy(() ->
                            ActivityStores.postgres(db.dataSource(), schema, TestClock.at("2024-01-01T00:00:00Z")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("schema " + schema + " is at version " + (SCRIPTS + 1))
                    .hasMessageContaining("newer than this activity4j knows (" + SCRIPTS + ")");
        }
    }

    @Test
    void indexesSummaryTrigramsWhenTheStoreCanHavePgTrgm() throws SQLException {
        try (TestDatabase db = TestPostgres.of(major).createDatabase()) {
            String schema = "trigrams_" + SCHEMAS.incrementAndGet();
            fillAndSearch(ActivityStores.postgres(db.dataSource(), schema, TestClock.at("2024-01-01T00:00:00Z")));

            assertThat(trigramIndexes(db.dataSource(), schema))
                    .containsExactly("activity_summary_trigrams", "summary_word_trigrams");
        }
    }

    /**
     * A role that is not a superuser but may create schemas: pg_trgm is a trusted extension from PostgreSQL 13
     * on, so the store creates it and its index; on PostgreSQL 12 it cannot, and the store works without the
     * index (bare words are matched by scanning).
     */
    @Test
    void aRoleWithoutSuperuserGetsTheIndexWherePgTrgmIsTrusted() throws SQLException {
        try (TestDatabase db = TestPostgres.of(major).createDatabase()) {
            TestRole owner = db.createRole();
            db.execute("GRANT CREATE ON DATABASE \"" + db.name() + "\" TO \"" + owner.name() + "\"");
            String schema = "no_trigrams_" + SCHEMAS.incrementAndGet();

            fillAndSearch(ActivityStores.postgres(db.dataSource(owner), schema, TestClock.at("2024-01-01T00:00:00Z")));

            boolean trusted = major >= 13;
            assertThat(hasExtension(db.dataSource(), "pg_trgm")).isEqualTo(trusted);
            if (trusted) {
                assertThat(trigramIndexes(db.dataSource(), schema))
                        .containsExactly("activity_summary_trigrams", "summary_word_trigrams");
            } else {
                assertThat(trigramIndexes(db.dataSource(), schema)).isEmpty();
            }
        }
    }

    private static void fillAndSearch(ActivityStore store) {
        store.registerPerson(new Person(1, "Ann", "ann@example.com"));
        for (String summary : List.of("Upgrade ALL packages", "Restart", "100% done_now", "upgrade_kernel")) {
            store.createActivity(org.activity4j.core.NewActivity.builder("RestartRequest", 1)
                    .summary(summary)
                    .build());
        }
        assertThat(ids(store, "upgrade")).containsExactly(4L, 1L);
        assertThat(ids(store, "packages")).containsExactly(1L);
        assertThat(ids(store, "\"%\"")).containsExactly(3L);
        assertThat(ids(store, "e_k")).containsExactly(4L);
        assertThat(ids(store, "\"0% d\"")).containsExactly(3L);
        assertThat(ids(store, "\"e%k\"")).isEmpty();
    }

    private static List<Long> ids(ActivityStore store, String query) {
        List<Long> ids = new ArrayList<>();
        for (Activity a : store.getActivities(QueryParser.defaults().parse(query), 100, 0)) {
            ids.add(a.id());
        }
        return ids;
    }

    private static String versionOne(String schema) {
        try (InputStream in =
                Objects.requireNonNull(PostgresActivityStoreMigrationIT.class.getResourceAsStream(V1), V1)) {
            // What Migrations creates before script 1, then script 1 and its row.
            return "CREATE SCHEMA " + schema + "; CREATE TABLE " + schema + ".schema_version (version integer"
                    + " PRIMARY KEY, script text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());"
                    + new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${schema}", '"' + schema + '"')
                    + ";INSERT INTO " + schema + ".schema_version (version, script) VALUES (1, 'V1__activities.sql');";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Integer> versions(DataSource ds, String schema) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version FROM " + schema + ".schema_version ORDER BY 1")) {
            while (rs.next()) {
                versions.add(rs.getInt(1));
            }
        }
        return versions;
    }

    /** The trigram indexes of the schema: on summaries (V3) and on the word dictionary (V6). */
    private static List<String> trigramIndexes(DataSource ds, String schema) throws SQLException {
        return Rows.strings(
                ds,
                "SELECT indexname FROM pg_indexes WHERE schemaname = '" + schema
                        + "' AND indexname IN ('activity_summary_trigrams', 'summary_word_trigrams') ORDER BY 1");
    }

    private static boolean hasExtension(DataSource ds, String name) throws SQLException {
        return exists(ds, "SELECT 1 FROM pg_extension WHERE extname = '" + name + "'");
    }

    private static boolean exists(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next();
        }
    }
}
