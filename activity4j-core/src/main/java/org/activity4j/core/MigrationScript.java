package org.activity4j.core;

/**
 * One migration of a PostgreSQL activity store's schema, with the schema name filled in, for services that
 * run their migrations with a tool of their own (Flyway, Liquibase); see {@link
 * ActivityStores#migrationScripts(String)}. Each script records its version in the schema's own {@code
 * schema_version} table, so a store started in {@link SchemaMode#VALIDATE} mode accepts a schema that these
 * scripts made.
 *
 * <pre>{@code
 * for (MigrationScript s : ActivityStores.migrationScripts("activity4j")) {
 *     Files.writeString(dir.resolve(s.fileName()), s.sql());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param version the schema version the script brings the schema to, from 1
 * @param fileName a Flyway-style file name, e.g. {@code V1__activity4j_baseline.sql}
 * @param sql the statements, the schema name substituted; the schema itself must exist
 */
public record MigrationScript(int version, String fileName, String sql) {
    public MigrationScript {
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1: " + version);
        }
        if (!fileName.startsWith("V" + version + "__") || !fileName.endsWith(".sql")) {
            throw new IllegalArgumentException("file name must be V" + version + "__<name>.sql: " + fileName);
        }
    }

    @Override
    public String toString() {
        return "MigrationScript[" + fileName + "]";
    }
}
