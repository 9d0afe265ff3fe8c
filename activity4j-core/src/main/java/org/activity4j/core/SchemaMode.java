package org.activity4j.core;

/**
 * What a PostgreSQL activity store does with its schema when it starts ({@link PostgresStoreOptions#schemaMode()}).
 *
 * <pre>{@code
 * ActivityStores.postgres(dataSource, PostgresStoreOptions.builder().schemaMode(SchemaMode.VALIDATE).build());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum SchemaMode {
    /**
     * Reads the schema's version and, only when it is older than this library's (or there is no schema),
     * creates or upgrades it. A current schema gets no DDL at all, so a role with only the runtime rights
     * starts the store once the schema is current. The default.
     */
    MIGRATE,
    /**
     * Reads the schema's version and changes nothing: a schema at another version than this library's is
     * an {@link ActivityStoreException} naming both. For services that migrate the schema themselves (with
     * {@link ActivityStores#migrationScripts(String)}) or with another role.
     */
    VALIDATE,
    /**
     * Neither reads nor changes anything at startup (no connection is opened); a missing or older schema
     * shows as failed statements later. {@link ActivityStore#missingFeatures()} is then empty: unknown.
     */
    NONE
}
