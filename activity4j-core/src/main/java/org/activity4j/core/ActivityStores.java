package org.activity4j.core;

import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.activity4j.core.internal.InMemoryActivityStore;
import org.activity4j.core.internal.Migrations;
import org.activity4j.core.internal.PostgresActivityStore;

/**
 * Where activities live: in memory (the embedded default) or in PostgreSQL. Both behave alike, down to the
 * order of pages and the reasons of refused changes; the compatibility kit in activity4j-testkit checks it.
 *
 * <pre>{@code
 * ActivityStore store = ActivityStores.inMemory();          // or ActivityStores.postgres(dataSource)
 * ActivityService acme = store.forAccount("acme");
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ActivityStores {
    /** The schema a PostgreSQL store uses unless told otherwise. */
    public static final String DEFAULT_SCHEMA = "activity4j";

    /** The account a store serves unless told otherwise. */
    public static final String DEFAULT_ACCOUNT = "default";

    private ActivityStores() {}

    /** An empty in-memory store on the system UTC clock, serving {@value #DEFAULT_ACCOUNT}. */
    public static ActivityStore inMemory() {
        return inMemory(Clock.systemUTC());
    }

    /** An empty in-memory store whose times come from {@code clock}, serving {@value #DEFAULT_ACCOUNT}. */
    public static ActivityStore inMemory(Clock clock) {
        return InMemoryActivityStore.create(clock, DEFAULT_ACCOUNT);
    }

    /**
     * A store in PostgreSQL (12 or newer), in schema {@value #DEFAULT_SCHEMA}, on the system UTC clock,
     * serving {@value #DEFAULT_ACCOUNT}, with {@link PostgresStoreOptions#defaults() the default options}: the
     * schema is created or upgraded now when it is not current; the connections' user needs the rights to do
     * that the first time.
     *
     * @throws ActivityStoreException if the database cannot be reached or the schema cannot be set up
     */
    public static ActivityStore postgres(DataSource dataSource) {
        return postgres(dataSource, PostgresStoreOptions.defaults());
    }

    /**
     * A store in PostgreSQL in the given schema (lowercase letters, digits and underscores), with times from
     * {@code clock}, serving {@value #DEFAULT_ACCOUNT}, otherwise with the default options. The schema holds
     * versioned tables: created when missing, upgraded when older, refused when newer than this library.
     *
     * @throws IllegalArgumentException if the schema name is not a plain lowercase name
     * @throws ActivityStoreException if the database cannot be reached or the schema cannot be set up
     */
    public static ActivityStore postgres(DataSource dataSource, String schema, Clock clock) {
        return postgres(
                dataSource,
                PostgresStoreOptions.builder().schema(schema).clock(clock).build());
    }

    /**
     * A store in PostgreSQL (12 or newer) serving {@value #DEFAULT_ACCOUNT}, set up as {@code options} say.
     * The schema's version is read before anything else; in {@link SchemaMode#MIGRATE} mode a current schema
     * gets no DDL, so a role with only the runtime rights (see the README, "Schema management") can start
     * it. What the store could not set up is in {@link ActivityStore#missingFeatures()} and logged once, at
     * WARNING, to the {@code System.Logger} named {@code org.activity4j.core.ActivityStores}; applied
     * migrations are logged there at INFO.
     *
     * <pre>{@code
     * ActivityStore store = ActivityStores.postgres(dataSource,
     *         PostgresStoreOptions.builder().schemaMode(SchemaMode.VALIDATE).build());
     * }</pre>
     *
     * @throws ActivityStoreException if the database cannot be reached, the schema cannot be set up, or (in
     *     {@link SchemaMode#VALIDATE} mode) is not at this library's version, or is newer than this library
     */
    public static ActivityStore postgres(DataSource dataSource, PostgresStoreOptions options) {
        return PostgresActivityStore.create(dataSource, options, DEFAULT_ACCOUNT);
    }

    /**
     * The migrations of a PostgreSQL store's schema, oldest first, with {@code schema} substituted, for
     * services that run Flyway or Liquibase themselves; start the store in {@link SchemaMode#VALIDATE} mode
     * afterwards. The schema must exist. The scripts record their versions in the schema's {@code
     * schema_version} table, which the store reads.
     *
     * <pre>{@code
     * List<MigrationScript> scripts = ActivityStores.migrationScripts("activity4j");
     * }</pre>
     *
     * @throws IllegalArgumentException if the schema name is not a plain lowercase name (lowercase letters,
     *     digits and underscores, at most 63, not starting with a digit)
     */
    public static List<MigrationScript> migrationScripts(String schema) {
        return Migrations.scripts(schema);
    }
}
