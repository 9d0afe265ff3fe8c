package org.activity4j.core.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Creates and upgrades the activity store's schema: numbered scripts, each applied in its own transaction
 * with its row in {@code schema_version}, under an advisory lock so that stores starting at once apply each
 * script exactly once. A schema newer than this code is refused.
 */
final class Migrations {
    /** The scripts, in order; script N is {@code migrations/V<N>__<name>.sql}. */
    private static final List<String> SCRIPTS = List.of(
            "V1__activities.sql",
            "V2__activity_state.sql",
            "V3__summary_trigrams.sql",
            "V4__page_rows.sql",
            "V5__creator_type_index_only.sql",
            "V6__summary_words.sql",
            "V7__activity_tags.sql",
            "V8__state_newest.sql",
            "V9__summary_words_linear.sql");

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private Migrations() {}

    /** Checks a schema name: lowercase letters, digits and underscores, at most 63, not starting with a digit. */
    static String checkSchemaName(String schema) {
        if (!SCHEMA_NAME.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema name must be lowercase letters, digits and underscores"
                    + " (at most 63, not starting with a digit): " + schema);
        }
        return schema;
    }

    static void migrate(Connection c, String schema) throws SQLException {
        String quoted = '"' + schema + '"';
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            while (true) {
                lock(c, schema);
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA IF NOT EXISTS " + quoted);
                    s.execute("CREATE TABLE IF NOT EXISTS " + quoted + ".schema_version (version integer PRIMARY KEY,"
                            + " script text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
                }
                int current = currentVersion(c, quoted);
                if (current > SCRIPTS.size()) {
                    c.rollback();
                    throw new IllegalStateException("schema " + schema + " is at version " + current
                            + ", newer than this activity4j knows (" + SCRIPTS.size() + ")");
                }
                if (current >= SCRIPTS.size()) {
                    c.commit();
                    return;
                }
                String script = SCRIPTS.get(current);
                try (Statement s = c.createStatement()) {
                    s.execute(read(script).replace("${schema}", quoted));
                }
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO " + quoted + ".schema_version (version, script) VALUES (?, ?)")) {
                    p.setInt(1, current + 1);
                    p.setString(2, script);
                    p.executeUpdate();
                }
                c.commit();
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

    private static int currentVersion(Connection c, String quoted) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(max(version), 0) FROM " + quoted + ".schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String read(String script) {
        try (InputStream in = Objects.requireNonNull(
                Migrations.class.getResourceAsStream("migrations/" + script), "missing migration " + script)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + script, e);
        }
    }
}
