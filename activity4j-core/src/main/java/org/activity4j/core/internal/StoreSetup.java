package org.activity4j.core.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.sql.DataSource;
import org.activity4j.core.ActivityStoreException;
import org.activity4j.core.PostgresStoreOptions;
import org.activity4j.core.SchemaMode;
import org.activity4j.core.StoreFeature;

/**
 * What a PostgreSQL activity store does with its schema when it starts ({@link SchemaMode}). The version is
 * read first, from the catalogs and {@code schema_version}; {@code MIGRATE} runs DDL only for a missing or
 * older schema (and pg_trgm, when asked for and absent); {@code VALIDATE} changes nothing. Then the optional
 * parts the schema lacks are found from the catalogs, and logged once. Every failure is an {@link
 * ActivityStoreException}; an optional part that cannot be set up is reported, not thrown.
 */
final class StoreSetup {
    /** The logger of store setup: migrations applied, features missing. */
    static final Logger LOG = System.getLogger("org.activity4j.core.ActivityStores");

    private static final List<String> TRIGRAM_INDEXES = List.of("activity_summary_trigrams", "summary_word_trigrams");

    private StoreSetup() {}

    /** Sets the schema up as {@code options} say; returns the features it lacks. */
    static Set<StoreFeature> run(DataSource dataSource, PostgresStoreOptions options) {
        if (options.schemaMode() == SchemaMode.NONE) {
            return Set.of();
        }
        String schema = Migrations.checkSchemaName(options.schema());
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (!autoCommit) {
                c.setAutoCommit(true);
            }
            try {
                return setUp(c, schema, options);
            } finally {
                if (!autoCommit) {
                    c.setAutoCommit(false);
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failed("setting up schema " + schema + " (" + options.schemaMode() + ")", e);
        }
    }

    private static Set<StoreFeature> setUp(Connection c, String schema, PostgresStoreOptions options)
            throws SQLException {
        OptionalInt found = Migrations.version(c, schema);
        if (found.isPresent() && found.getAsInt() > Migrations.latest()) {
            throw Migrations.wrongVersion(schema, found, "");
        }
        boolean current = found.isPresent() && found.getAsInt() == Migrations.latest();
        if (options.schemaMode() == SchemaMode.VALIDATE && !current) {
            throw Migrations.wrongVersion(
                    schema,
                    found,
                    "schema mode VALIDATE changes nothing; migrate it with SchemaMode.MIGRATE or the scripts of"
                            + " ActivityStores.migrationScripts");
        }
        Optional<String> trigramTrouble = Optional.empty();
        boolean migrate = options.schemaMode() == SchemaMode.MIGRATE;
        if (migrate && options.createTrigramExtension() && trigramSchema(c).isEmpty()) {
            trigramTrouble = attempt(c, "CREATE EXTENSION IF NOT EXISTS pg_trgm", "pg_trgm cannot be created");
        }
        if (migrate && !current) {
            for (String script : Migrations.migrate(c, schema)) {
                LOG.log(Level.INFO, "activity4j: applied migration {0} to schema {1}", script, schema);
            }
        }
        if (migrate
                && options.createTrigramExtension()
                && trigramSchema(c).isPresent()
                && !hasIndexes(c, schema, TRIGRAM_INDEXES)) {
            trigramTrouble = attempt(c, Migrations.trigramIndexes(schema), "the trigram indexes cannot be created");
        }
        Set<StoreFeature> missing = EnumSet.noneOf(StoreFeature.class);
        if (!hasIndexes(c, schema, TRIGRAM_INDEXES)) {
            missing.add(StoreFeature.TRIGRAM_INDEXES);
            String why = trigramTrouble.orElse(
                    trigramSchema(c).isPresent()
                            ? "pg_trgm was installed after the schema was made; the store adds the indexes when"
                                    + " PostgresStoreOptions.createTrigramExtension is set"
                            : "pg_trgm is not installed; PostgresStoreOptions.createTrigramExtension lets the store"
                                    + " create it");
            LOG.log(
                    Level.WARNING,
                    "activity4j: schema {0}: {1} ({2})",
                    schema,
                    StoreFeature.TRIGRAM_INDEXES.whenMissing(),
                    why);
        }
        return Set.copyOf(missing);
    }

    /**
     * Runs optional DDL in its own transaction; its failure is the reason returned (the store works
     * without it), never thrown.
     */
    private static Optional<String> attempt(Connection c, String sql, String what) {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(what + ": " + e.getSQLState() + " " + e.getMessage());
        }
    }

    /** The schema pg_trgm is installed in, if it is. */
    private static Optional<String> trigramSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT n.nspname FROM pg_catalog.pg_extension e"
                        + " JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    private static boolean hasIndexes(Connection c, String schema, List<String> names) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM pg_catalog.pg_class i"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = i.relnamespace"
                + " WHERE n.nspname = ? AND i.relkind = 'i' AND i.relname = ANY (?)")) {
            p.setString(1, schema);
            p.setArray(2, c.createArrayOf("text", names.toArray(new String[0])));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getInt(1) == names.size();
            }
        }
    }
}
