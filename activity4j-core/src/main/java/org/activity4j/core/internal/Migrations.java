package org.activity4j.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.activity4j.core.ActivityStoreException;
import org.activity4j.core.MigrationScript;

/**
 * The activity store's schema versions: numbered scripts ({@code migrations/V<N>__<name>.sql}), each of
 * which ends with the insert of its row into {@code schema_version} (the baseline, version 1, creates that
 * table). The store applies each script in its own transaction under an advisory lock, so that stores
 * starting at once apply each script exactly once; services that migrate with a tool of their own get the
 * same texts from {@link #scripts(String)}. The version is read from the catalogs and {@code
 * schema_version} before any DDL, and nothing is changed when it is current.
 */
public final class Migrations {
    /** The scripts, in order; script N is {@code migrations/V<N>__<name>.sql}. Later versions append here. */
    private static final List<String> SCRIPTS =
            List.of("V1__baseline.sql", "V2__summary_words_linear.sql", "V3__summary_words_ascii_windows.sql");

    /** The trigram indexes, also the last part of the baseline; run alone after the store created pg_trgm. */
    static final String TRIGRAM_INDEXES = "trigram_indexes.sql";

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private Migrations() {}

    /** The schema version this library creates and works with. */
    static int latest() {
        return SCRIPTS.size();
    }

    /** Checks a schema name: lowercase letters, digits and underscores, at most 63, not starting with a digit. */
    static String checkSchemaName(String schema) {
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema name must be lowercase letters, digits and underscores"
                    + " (at most 63, not starting with a digit): " + schema);
        }
        return schema;
    }

    /** Every script, oldest first, for schema {@code schema}; see {@code ActivityStores.migrationScripts}. */
    public static List<MigrationScript> scripts(String schema) {
        checkSchemaName(schema);
        List<MigrationScript> scripts = new ArrayList<>();
        for (int version = 1; version <= SCRIPTS.size(); version++) {
            scripts.add(script(schema, version));
        }
        return List.copyOf(scripts);
    }

    /** Script {@code version} (from 1) for {@code schema}, with the insert of its version row. */
    static MigrationScript script(String schema, int version) {
        String file = SCRIPTS.get(version - 1);
        String quoted = '"' + schema + '"';
        // The baseline ends with the trigram indexes, kept in their own file because the store also runs them
        // alone (after creating pg_trgm when asked to).
        String text = version == 1 ? resource(file) + "\n" + resource(TRIGRAM_INDEXES) : resource(file);
        String sql = text.replace("${schema}", quoted).stripTrailing()
                + "\n\n-- The version row, which ActivityStores.postgres reads.\nINSERT INTO " + quoted
                + ".schema_version (version, script) VALUES (" + version + ", '" + file + "');\n";
        return new MigrationScript(version, file, sql);
    }

    /** The trigram-index script for {@code schema}. */
    static String trigramIndexes(String schema) {
        return resource(TRIGRAM_INDEXES).replace("${schema}", '"' + schema + '"');
    }

    /**
     * The schema's version, read without DDL and without privileges beyond {@code SELECT} on {@code
     * schema_version}: empty when there is no schema or no {@code schema_version} table in it, 0 when the
     * table is empty.
     */
    static OptionalInt version(Connection c, String schema) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class t"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
                + " WHERE n.nspname = ? AND t.relname = 'schema_version')")) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return OptionalInt.empty();
                }
            }
        }
        try (Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT coalesce(max(version), 0) FROM \"" + schema + "\".schema_version")) {
            rs.next();
            return OptionalInt.of(rs.getInt(1));
        }
    }

    /** Whether schema {@code schema} exists (from the catalogs: no privilege needed). */
    static boolean schemaExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement p =
                c.prepareStatement("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?)")) {
            p.setString(1, schema);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The failure of a schema at {@code found} (empty: no schema) that is not the one this library needs. */
    static ActivityStoreException wrongVersion(String schema, OptionalInt found, String what) {
        String at = found.isPresent()
                ? "is at version " + found.getAsInt()
                : "has no activity4j tables (no " + schema + ".schema_version)";
        String why = found.isPresent() && found.getAsInt() > latest()
                ? ", newer than this activity4j knows (version " + latest() + "): upgrade activity4j"
                : ", but this activity4j needs version " + latest() + ": " + what;
        return new ActivityStoreException("activity store: schema " + schema + " " + at + why);
    }

    /**
     * Applies every script the schema lacks, each in its own transaction under the advisory lock of the
     * schema (so that concurrent starters apply each once), creating the schema first if it does not exist.
     * Reads the version again under the lock. Returns the scripts applied, oldest first.
     *
     * @throws ActivityStoreException if the schema is newer than this library
     */
    static List<String> migrate(Connection c, String schema) throws SQLException {
        List<String> applied = new ArrayList<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            while (true) {
                lock(c, schema);
                int current = version(c, schema).orElse(0);
                if (current > latest()) {
                    throw wrongVersion(schema, OptionalInt.of(current), "");
                }
                if (current == latest()) {
                    c.commit();
                    return applied;
                }
                if (current == 0 && !schemaExists(c, schema)) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE SCHEMA \"" + schema + "\"");
                    }
                }
                MigrationScript script = script(schema, current + 1);
                try (Statement s = c.createStatement()) {
                    s.execute(script.sql());
                }
                c.commit();
                applied.add(script.fileName());
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void lock(Connection c, String schema) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            p.setString(1, "activity4j schema " + schema);
            p.execute();
        }
    }

    private static String resource(String script) {
        try (InputStream in = Objects.requireNonNull(
                Migrations.class.getResourceAsStream("migrations/" + script), "missing migration " + script)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + script, e);
        }
    }
}
