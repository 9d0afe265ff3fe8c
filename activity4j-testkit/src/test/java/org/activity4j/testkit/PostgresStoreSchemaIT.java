package org.activity4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStoreException;
import org.activity4j.core.ActivityStoreTimeoutException;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.BackendInspector;
import org.activity4j.core.BackendUnavailableException;
import org.activity4j.core.MigrationScript;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.core.PostgresStoreOptions;
import org.activity4j.core.SchemaMode;
import org.activity4j.query.ActivityStatus;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QueryParser;

/**
 * Schema modes, privileges and time bounds of the PostgreSQL store on every major of the test matrix: a
 * runtime role with only USAGE on the schema, DML on its tables and EXECUTE on its functions starts and uses
 * a current schema; VALIDATE changes nothing and names the versions; a role without CREATE on the database
 * migrates a schema made for it; scripts applied by hand make a schema VALIDATE accepts; a cancel behind a
 * held row lock and a page behind a held table lock fail with a timeout instead of waiting.
 */
class PostgresStoreSchemaIT {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    @PostgresMatrixTest
    void aRuntimeRoleWithOnlyDmlRightsStartsAndWorksOnACurrentSchema(TestDatabase db) {
        TestRole owner = db.createRole();
        db.execute("GRANT CREATE ON DATABASE \"" + db.name() + "\" TO \"" + owner.name() + "\"");
        String schema = "app_" + SCHEMAS.incrementAndGet();
        ActivityStores.postgres(db.dataSource(owner), options(schema, SchemaMode.MIGRATE));
        TestRole runtime = db.createRole();
        grantRuntimeRights(db, schema, runtime);

        for (SchemaMode mode : List.of(SchemaMode.MIGRATE, SchemaMode.VALIDATE, SchemaMode.NONE)) {
            ActivityStore store = ActivityStores.postgres(db.dataSource(runtime), options(schema, mode));
            Person ann = new Person(1, "Ann", "ann@example.com");
            store.registerPerson(ann);
            Activity a = store.createActivity(NewActivity.builder("RestartRequest", 1)
                    .summary("Restart " + mode)
                    .build());

            assertThat(store.getActivities(parse("restart " + mode.name().toLowerCase()), 10, 0))
                    .extracting(Activity::id)
                    .as("%s", mode)
                    .containsExactly(a.id());
            assertThat(store.cancelActivities(parse("id:" + a.id()))).containsExactly(a.id());
            assertThat(store.activity(a.id()).orElseThrow().status()).isEqualTo(ActivityStatus.CANCELED);
        }
    }

    @PostgresMatrixTest
    void validateFailsNamingTheVersionsAndChangesNothing(TestDatabase db) {
        TestRole runtime = db.createRole();
        String empty = "empty_" + SCHEMAS.incrementAndGet();
        db.execute("CREATE SCHEMA " + empty + "; GRANT USAGE ON SCHEMA " + empty + " TO " + runtime.name());

        assertThatThrownBy(() -> ActivityStores.postgres(db.dataSource(runtime), options(empty, SchemaMode.VALIDATE)))
                .isInstanceOf(ActivityStoreException.class)
                .hasMessageContaining("schema " + empty + " has no activity4j tables")
                .hasMessageContaining("needs version " + latest())
                .hasMessageContaining("VALIDATE changes nothing");
        assertThat(db.queryInts(
                        "SELECT count(*)::int FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                + " WHERE n.nspname = ?",
                        empty))
                .containsExactly(0);

        String old = "old_" + SCHEMAS.incrementAndGet();
        ActivityStores.postgres(db.dataSource(), options(old, SchemaMode.MIGRATE));
        db.execute("DELETE FROM " + old + ".schema_version");
        grantRuntimeRights(db, old, runtime);

        assertThatThrownBy(() -> ActivityStores.postgres(db.dataSource(runtime), options(old, SchemaMode.VALIDATE)))
                .isInstanceOf(ActivityStoreException.class)
                .hasMessageContaining("schema " + old + " is at version 0")
                .hasMessageContaining("needs version " + latest());
        // MIGRATE as the runtime role tries, and fails as a typed error naming the schema.
        assertThatThrownBy(() -> ActivityStores.postgres(db.dataSource(runtime), options(old, SchemaMode.MIGRATE)))
                .isInstanceOf(ActivityStoreException.class)
                .hasMessageContaining("setting up schema " + old);
        assertThat(db.queryInts("SELECT count(*)::int FROM " + old + ".schema_version"))
                .containsExactly(0);
    }

    @PostgresMatrixTest
    void aRoleWithoutCreateOnTheDatabaseMigratesASchemaMadeForIt(TestDatabase db) {
        TestRole owner = db.createRole();
        String schema = "given_" + SCHEMAS.incrementAndGet();
        assertThat(db.queryInts("SELECT has_database_privilege(?, current_database(), 'CREATE')::int", owner.name()))
                .containsExactly(0);

        assertThatThrownBy(() -> ActivityStores.postgres(db.dataSource(owner), options(schema, SchemaMode.MIGRATE)))
                .isInstanceOf(ActivityStoreException.class)
                .hasMessageContaining("setting up schema " + schema)
                .hasCauseInstanceOf(SQLException.class);

        db.execute("CREATE SCHEMA " + schema + " AUTHORIZATION " + owner.name());
        ActivityStore store = ActivityStores.postgres(db.dataSource(owner), options(schema, SchemaMode.MIGRATE));
        store.registerPerson(new Person(1, "Ann", "ann@example.com"));
        assertThat(store.createActivity(NewActivity.builder("RestartRequest", 1).build())
                        .id())
                .isEqualTo(1);
        // And starts again on the current schema.
        assertThat(ActivityStores.postgres(db.dataSource(owner), options(schema, SchemaMode.VALIDATE))
                        .getActivities(QueryCriteria.all(), 10, 0))
                .hasSize(1);
    }

    @PostgresMatrixTest
    void migrationScriptsAppliedByHandMakeASchemaThatValidateAccepts(TestDatabase db) {
        String schema = "by_hand_" + SCHEMAS.incrementAndGet();
        db.execute("CREATE SCHEMA " + schema);
        List<MigrationScript> scripts = ActivityStores.migrationScripts(schema);
        for (MigrationScript script : scripts) {
            assertThat(script.sql()).doesNotContain("${schema}").contains('"' + schema + '"');
            db.execute(script.sql());
        }

        ActivityStore store = ActivityStores.postgres(db.dataSource(), options(schema, SchemaMode.VALIDATE));
        store.registerPerson(new Person(1, "Ann", "ann@example.com"));
        Activity a = store.createActivity(
                NewActivity.builder("RestartRequest", 1).summary("Restart web1").build());
        assertThat(store.getActivities(parse("web1"), 10, 0)).containsExactly(a);
        assertThat(db.queryInts("SELECT version FROM " + schema + ".schema_version ORDER BY 1"))
                .hasSize(scripts.size())
                .last()
                .isEqualTo(scripts.get(scripts.size() - 1).version());
    }

    @PostgresMatrixTest
    void aCancelBehindAHeldRowLockFailsWithATimeoutAndChangesNothing(TestDatabase db) throws Exception {
        String schema = "locked_" + SCHEMAS.incrementAndGet();
        ActivityStore store = ActivityStores.postgres(
                db.dataSource(),
                PostgresStoreOptions.builder()
                        .schema(schema)
                        .clock(TestClock.at("2024-01-01T00:00:00Z"))
                        .lockTimeout(Duration.ofMillis(200))
                        .build());
        store.registerPerson(new Person(1, "Ann", "ann@example.com"));
        Activity a =
                store.createActivity(NewActivity.builder("RestartRequest", 1).build());
        TestSession holder = db.openSession();
        holder.execute("BEGIN; SELECT 1 FROM " + schema + ".activity_state WHERE id = " + a.id() + " FOR UPDATE");

        CompletableFuture<List<Long>> cancel =
                CompletableFuture.supplyAsync(() -> store.cancelActivities(parse("id:" + a.id())));

        assertThat(cancel)
                .failsWithin(Duration.ofSeconds(30))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause()
                .isInstanceOf(ActivityStoreTimeoutException.class)
                .withMessageContaining("canceling activities")
                .withMessageContaining("lock timeout")
                .havingCause()
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("55P03"));
        holder.execute("ROLLBACK");
        assertThat(store.activity(a.id()).orElseThrow().status()).isEqualTo(ActivityStatus.UNDELIVERED);
        assertThat(store.cancelActivities(parse("id:" + a.id()))).containsExactly(a.id());
    }

    /** A store in {@code schema} with a 200 ms statement timeout and one activity. */
    private static ActivityStore storeOfOneActivity(TestDatabase db, String schema) {
        ActivityStore store = ActivityStores.postgres(
                db.dataSource(),
                PostgresStoreOptions.builder()
                        .schema(schema)
                        .clock(TestClock.at("2024-01-01T00:00:00Z"))
                        .statementTimeout(Duration.ofMillis(200))
                        .build());
        store.registerPerson(new Person(1, "Ann", "ann@example.com"));
        store.createActivity(NewActivity.builder("RestartRequest", 1).build());
        return store;
    }

    /** A session holding ACCESS EXCLUSIVE on the schema's activity table until it runs ROLLBACK. */
    private static TestSession lockActivityTable(TestDatabase db, String schema) {
        TestSession holder = db.openSession();
        holder.execute("BEGIN; LOCK TABLE " + schema + ".activity IN ACCESS EXCLUSIVE MODE");
        return holder;
    }

    @PostgresMatrixTest
    void aPageBehindAHeldTableLockFailsWithAStatementTimeout(TestDatabase db) {
        String schema = "slow_" + SCHEMAS.incrementAndGet();
        ActivityStore store = storeOfOneActivity(db, schema);
        TestSession holder = lockActivityTable(db, schema);

        assertThatThrownBy(() -> store.getActivities(QueryCriteria.all(), 10, 0))
                .isInstanceOf(ActivityStoreTimeoutException.class)
                .hasMessageContaining("listing activities")
                .hasMessageContaining("statement timeout")
                .cause()
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
        holder.execute("ROLLBACK");
        assertThat(store.getActivities(QueryCriteria.all(), 10, 0)).hasSize(1);
    }

    @PostgresMatrixTest
    void aStreamPageBehindAHeldTableLockFailsWithAStatementTimeout(TestDatabase db) {
        String schema = "slow_stream_" + SCHEMAS.incrementAndGet();
        ActivityStore store = storeOfOneActivity(db, schema);
        TestSession holder = lockActivityTable(db, schema);

        assertThatThrownBy(() -> {
                    try (var s = store.streamActivities(QueryCriteria.all(), 10)) {
                        s.count();
                    }
                })
                .isInstanceOf(ActivityStoreTimeoutException.class)
                .hasMessageContaining("streaming activities")
                .hasMessageContaining("statement timeout")
                .cause()
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("57014"));
        holder.execute("ROLLBACK");
        assertThat(store.streamActivities(QueryCriteria.all(), 10).count()).isEqualTo(1);
    }

    @PostgresMatrixTest
    void anInspectorCallBehindAHeldCatalogLockFailsWithItsStatementTimeout(TestDatabase db) throws SQLException {
        try (OneConnectionDataSource one =
                new OneConnectionDataSource(db.dataSource().getConnection())) {
            BackendInspector inspector = BackendInspector.builder(one)
                    .statementTimeout(Duration.ofMillis(200))
                    .build();
            assertThat(inspector.activity()).isNotNull();
            TestSession holder = db.openSession();
            // pg_stat_activity reads pg_database; the inspector's connection is open already.
            holder.execute("BEGIN; LOCK TABLE pg_catalog.pg_database IN ACCESS EXCLUSIVE MODE");
            try {
                assertThatThrownBy(inspector::activity)
                        .isInstanceOf(BackendUnavailableException.class)
                        .hasMessageContaining("statement timeout of PT0.2S")
                        .cause()
                        .isInstanceOfSatisfying(
                                SQLException.class,
                                e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            } finally {
                holder.execute("ROLLBACK");
            }
            assertThat(inspector.activity()).isNotNull();
        }
    }

    private static void grantRuntimeRights(TestDatabase db, String schema, TestRole runtime) {
        String r = runtime.name();
        db.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + r + ";"
                + "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + schema + " TO " + r + ";"
                + "GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + schema + " TO " + r + ";"
                + "GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA " + schema + " TO " + r + ";");
    }

    private static PostgresStoreOptions options(String schema, SchemaMode mode) {
        return PostgresStoreOptions.builder()
                .schema(schema)
                .clock(TestClock.at("2024-01-01T00:00:00Z"))
                .schemaMode(mode)
                .build();
    }

    private static int latest() {
        List<MigrationScript> scripts = ActivityStores.migrationScripts("any");
        return scripts.get(scripts.size() - 1).version();
    }

    private static QueryCriteria parse(String query) {
        return QueryParser.defaults().parse(query);
    }
}
