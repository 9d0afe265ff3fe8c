package org.activity4j.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.MigrationScript;
import org.activity4j.core.PostgresStoreOptions;
import org.activity4j.core.SchemaMode;

/**
 * The README's "Schema management of the PostgreSQL store": a store that only validates a schema migrated
 * by someone else, with its time bounds, and the migration scripts written out for Flyway.
 */
public final class SchemaManagedStore {
    private SchemaManagedStore() {}

    /** A store on a schema the service migrated (VALIDATE), reads and writes bounded in time. */
    public static ActivityStore open(DataSource dataSource) {
        PostgresStoreOptions options = PostgresStoreOptions.builder()
                .schema("activity4j")
                .schemaMode(SchemaMode.VALIDATE) // MIGRATE (default), VALIDATE or NONE
                .statementTimeout(Duration.ofSeconds(10)) // pages and other reads; default 30 s
                .lockTimeout(Duration.ofSeconds(2)) // cancel, approve and other writes; default 5 s
                .build();
        ActivityStore store = ActivityStores.postgres(dataSource, options);
        store.missingFeatures().forEach(f -> System.err.println(f.whenMissing()));
        return store;
    }

    /** Writes the migration scripts of schema {@code activity4j} into {@code dir}, where Flyway reads them. */
    public static void writeMigrations(Path dir) throws IOException {
        for (MigrationScript script : ActivityStores.migrationScripts("activity4j")) {
            Files.writeString(dir.resolve(script.fileName()), script.sql());
        }
    }
}
