package org.activity4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStatusChangeException;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStoreException;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.Person;
import org.activity4j.core.PostgresStoreOptions;
import org.activity4j.core.SchemaMode;
import org.activity4j.core.StoreFeature;
import org.activity4j.query.ActivityStatus;
import org.activity4j.query.QueryParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PostgreSQL store's schema migrations on every major of the test matrix: a schema at the baseline
 * (version 1) with activities in every state is brought to the current version without losing anything,
 * stores starting together apply each script once, a newer schema is refused, and the trigram indexes
 * (summaries, word dictionary) are there when pg_trgm is installed or the store may create it, and missing,
 * reported and without harm, when not.
 */
@ParameterizedClass(name = "PostgreSQL {0}")
@MethodSource("org.activity4j.testkit.PostgresVersions#matrix")
class PostgresActivityStoreMigrationIT {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final int SCRIPTS = ActivityStores.migrationScripts("any").size();

    @Parameter
    int major;

    @Test
    void upgradesABaselineSchemaKeepingEveryActivityAndItsState() throws SQLException {
        try (TestDatabase db = TestPostgres.of(major).createDatabase()) {
            String schema = "baseline_" + SCHEMAS.incrementAndGet();
            String q = '"' + schema + '"';
            db.execute("CREATE SCHEMA " + schema + ";"
                    + ActivityStores.migrationScripts(schema).get(0).sql()
                    + "INSERT INTO " + q + ".person VALUES ('acme', 1, 'Ann', 'Ann@Example.com', 'ann@example.com');"
                    + "INSERT INTO " + q + ".person VALUES ('other', 1, 'Bob', 'bob@example.com', 'bob@example.com');"
                    + "INSERT INTO " + q + ".computer VALUES ('acme', 7, 'web1', 'Web 1', 'global', 'noble', false);"
                    + "INSERT INTO " + q + ".computer_tag VALUES ('acme', 7, 'laptop');"
                    // id, account, parent, computer, creator, type, summary, creation, deliver-after, details
                    + "INSERT INTO " + q + ".activity VALUES"
                    + " (1, 'acme', NULL, 7, 1, 'RestartRequest', 'Restart web1', '2024-01-01T10:00:00Z', NULL,"
                    + "  '{\"package_ids\":[3,1]}'),"
                    + " (2, 'acme', 1, 7, 1, 'ChangePackagesRequest', 'Upgrade packages', '2024-01-01T11:00:00Z', NULL,"
                    + "  '{}'),"
                    + " (3, 'acme', NULL, NULL, 1, 'SyncPocketRequest', 'Sync pocket', '2024-01-01T12:00:00Z',"
                    + "  '2030-01-01T00:00:00Z', '{\"pocket_name\":\"main\"}'),"
                    + " (4, 'acme', NULL, 7, 1, 'RestartRequest', 'Restart again', '2024-01-01T13:00:00Z', NULL, '{}'),"
                    + " (5, 'other', NULL, NULL, 1, 'RestartRequest', 'Other account', '2024-01-01T14:00:00Z', NULL,"
                    + "  '{}');"
                    // id, account, creation, status, result text/code, progress, delivery, completion,
                    // modification, approval
                    + "INSERT INTO " + q + ".activity_state VALUES"
                    + " (1, 'acme', '2024-01-01T10:00:00Z', 'succeeded', 'done', 0, 100, '2024-01-01T10:01:00Z',"
                    + "  '2024-01-01T10:02:00.123456Z', '2024-01-01T10:02:00.123456Z', NULL),"
                    + " (2, 'acme', '2024-01-01T11:00:00Z', 'unapproved', NULL, NULL, NULL, NULL, NULL,"
                    + "  '2024-01-01T11:00:00Z', NULL),"
                    + " (3, 'acme', '2024-01-01T12:00:00Z', 'scheduled', NULL, NULL, NULL, NULL, NULL,"
                    + "  '2024-01-01T12:05:00Z', '2024-01-01T12:05:00Z'),"
                    + " (4, 'acme', '2024-01-01T13:00:00Z', 'canceled', NULL, NULL, NULL, NULL, '2024-01-01T13:30:00Z',"
                    + "  '2024-01-01T13:30:00Z', NULL),"
                    + " (5, 'other', '2024-01-01T14:00:00Z', 'undelivered', NULL, NULL, NULL, NULL, NULL,"
                    + "  '2024-01-01T14:00:00Z', NULL);"
                    // The word and tag index rows, as the store writes them with each activity.
                    + "INSERT INTO " + q + ".activity_word SELECT a.account, w.word, a.creation_time, a.id FROM " + q
                    + ".activity a CROSS JOIN LATERAL " + q + ".summary_words(a.summary) AS w(word);"
                    + "INSERT INTO " + q + ".summary_word SELECT DISTINCT account, word FROM " + q + ".activity_word;"
                    + "INSERT INTO " + q + ".activity_tag SELECT a.account, t.tag, a.creation_time, a.id, a.computer_id"
                    + " FROM " + q + ".activity a JOIN " + q + ".computer_tag t ON t.account = a.account"
                    + " AND t.computer_id = a.computer_id;"
                    + "SELECT setval('" + schema + ".activity_id', 5);");

            TestClock clock = TestClock.at("2024-02-01T00:00:00Z");
            ActivityStore store =
                    ActivityStores.postgres(db.dataSource(), schema, clock).forAccount("acme");

            assertThat(versions(db.dataSource(), schema)).isEqualTo(allVersions());
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
            // Pages read their rows through activity_rows: never another account's, whatever ids it gets.
            assertThat(Rows.strings(
                            db.dataSource(),
                            "SELECT id FROM " + schema + ".activity_rows('acme', ARRAY[5, 4, 3, 2, 1])"))
                    .containsExactlyInAnyOrder("1", "2", "3", "4");

            assertThat(ids(store, "")).containsExactly(4L, 3L, 2L, 1L);
            assertThat(ids(store, "status:unapproved OR status:scheduled")).containsExactly(3L, 2L);
            assertThat(ids(store, "computer:tag:laptop NOT status:canceled")).containsExactly(2L, 1L);
            assertThat(ids(store, "computer:tag:laptop")).containsExactly(4L, 2L, 1L); // the tag index
            assertThat(ids(store, "restart")).containsExactly(4L, 1L);
            assertThat(ids(store, "NOT status:canceled")).containsExactly(3L, 2L, 1L);
            assertThat(Rows.strings(
                            db.dataSource(),
                            "SELECT indexdef FROM pg_indexes WHERE schemaname = '" + schema
                                    + "' AND indexname = 'activity_state_newest'"))
                    .singleElement(STRING)
                    .contains("(account, creation_time DESC, id DESC) INCLUDE (status)");
            // The word index, each account's apart.
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
            assertThat(versions(db.dataSource(), schema)).isEqualTo(allVersions());
        }
    }

    @Test
    void refusesASchemaNewerThanItKnowsInEveryMode() {
        try (TestDatabase db = TestPostgres.of(major).createDatabase()) {
            String schema = "newer_" + SCHEMAS.incrementAndGet();
            ActivityStores.postgres(db.dataSource(), schema, TestClock.at("2024-01-01T00:00:00Z"));
            db.execute("INSERT INTO " + schema + ".schema_version (version, script) VALUES (" + (SCRIPTS + 1) + ", 'V"
                    + (SCRIPTS + 1) + "__from_the_future.sql')");

            for (SchemaMode mode : List.of(SchemaMode.MIGRATE, SchemaMode.VALIDATE)) {
                assertThatThrownBy(() -> ActivityStores.postgres(
                                db.dataSource(),
                                PostgresStoreOptions.builder()
                                        .schema(schema)
                                        .schemaMode(mode)
                                        .build()))
                        .as("%s", mode)
                        .isInstanceOf(ActivityStoreException.class)
                        .hasMessageContaining("schema " + schema + " is at version " + (SCRIPTS + 1))
                        .hasMessageContaining("newer than this activity4j knows (version " + SCRIPTS + ")");
            }
            assertThat(db.queryInts("SELECT count(*)::int FROM " + schema + ".schema_version"))
                    .containsExactly(SCRIPTS + 1);
        }
    }

    @Test
    void createsPgTrgmAndItsIndexesOnlyWhenAsked() throws SQLException {
        try (TestDatabase db = TestPostgres.of(major).createDatabase()) {
            String plain = "plain_" + SCHEMAS.incrementAndGet();
            ActivityStore without =
                    ActivityStores.postgres(db.dataSource(), plain, TestClock.at("2024-01-01T00:00:00Z"));

            assertThat(hasExtension(db.dataSource(), "pg_trgm")).isFalse();
            assertThat(trigramIndexes(db.dataSource(), plain)).isEmpty();
            assertThat(without.missingFeatures()).containsExactly(StoreFeature.TRIGRAM_INDEXES);
            assertThat(without.forAccount("other").missingFeatures()).containsExactly(StoreFeature.TRIGRAM_INDEXES);
            fillAndSearch(without);

            String asked = "asked_" + SCHEMAS.incrementAndGet();
            ActivityStore with = ActivityStores.postgres(db.dataSource(), trigrams(asked));

            assertThat(hasExtension(db.dataSource(), "pg_trgm")).isTrue();
            assertThat(trigramIndexes(db.dataSource(), asked))
                    .containsExactly("activity_summary_trigrams", "summary_word_trigrams");
            assertThat(with.missingFeatures()).isEmpty();
            fillAndSearch(with);

            // The first schema is current: asking now adds the indexes it lacks, and nothing else.
            assertThat(ActivityStores.postgres(db.dataSource(), trigrams(plain)).missingFeatures())
                    .isEmpty();
            assertThat(trigramIndexes(db.dataSource(), plain))
                    .containsExactly("activity_summary_trigrams", "summary_word_trigrams");
            assertThat(versions(db.dataSource(), plain)).isEqualTo(allVersions());
        }
    }

    @Test
    void indexesSummaryTrigramsWherePgTrgmIsInstalledAlready() throws SQLException {
        try (TestDatabase db = TestPostgres.of(major).createDatabase()) {
            db.execute("CREATE EXTENSION pg_trgm");
            String schema = "trigrams_" + SCHEMAS.incrementAndGet();
            ActivityStore store =
                    ActivityStores.postgres(db.dataSource(), schema, TestClock.at("2024-01-01T00:00:00Z"));
            fillAndSearch(store);

            assertThat(store.missingFeatures()).isEmpty();
            assertThat(trigramIndexes(db.dataSource(), schema))
                    .containsExactly("activity_summary_trigrams", "summary_word_trigrams");
        }
    }

    /**
     * A role that is not a superuser but may create schemas, asking for pg_trgm: it is a trusted extension
     * from PostgreSQL 13 on, so the store creates it and its indexes; on PostgreSQL 12 it cannot, and the
     * store reports the missing indexes and works without them (bare words are matched by scanning).
     */
    @Test
    void aRoleWithoutSuperuserGetsTheIndexWherePgTrgmIsTrusted() throws SQLException {
        try (TestDatabase db = TestPostgres.of(major).createDatabase()) {
            TestRole owner = db.createRole();
            db.execute("GRANT CREATE ON DATABASE \"" + db.name() + "\" TO \"" + owner.name() + "\"");
            String schema = "no_trigrams_" + SCHEMAS.incrementAndGet();

            ActivityStore store = ActivityStores.postgres(db.dataSource(owner), trigrams(schema));
            fillAndSearch(store);

            boolean trusted = major >= 13;
            assertThat(hasExtension(db.dataSource(), "pg_trgm")).isEqualTo(trusted);
            if (trusted) {
                assertThat(trigramIndexes(db.dataSource(), schema))
                        .containsExactly("activity_summary_trigrams", "summary_word_trigrams");
                assertThat(store.missingFeatures()).isEmpty();
            } else {
                assertThat(trigramIndexes(db.dataSource(), schema)).isEmpty();
                assertThat(store.missingFeatures()).containsExactly(StoreFeature.TRIGRAM_INDEXES);
            }
        }
    }

    private static PostgresStoreOptions trigrams(String schema) {
        return PostgresStoreOptions.builder()
                .schema(schema)
                .clock(TestClock.at("2024-01-01T00:00:00Z"))
                .createTrigramExtension(true)
                .build();
    }

    private static List<Integer> allVersions() {
        List<Integer> all = new ArrayList<>();
        for (int v = 1; v <= SCRIPTS; v++) {
            all.add(v);
        }
        return all;
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

    /** The trigram indexes of the schema: on summaries and on the word dictionary. */
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
