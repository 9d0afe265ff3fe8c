package org.activity4j.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.activity4j.core.ActivityStoreException;

/** Small JDBC helpers of the PostgreSQL activity store: transactions, parameters, nullable columns. */
final class Jdbc {
    private Jdbc() {}

    /** Work done on one connection in one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction: committed when it returns, rolled back when it throws. Driver
     * failures become {@link ActivityStoreException}s; our own exceptions pass through unchanged.
     */
    static <T> T transaction(DataSource dataSource, String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new ActivityStoreException("activity store: " + what + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Makes PostgreSQL plan this transaction's statements for their actual parameters. A driver that
     * prepares repeated statements on the server (pgjdbc after five runs) otherwise lets PostgreSQL switch to
     * one generic plan, made without the values, the page offset or which side of a query is selective; for
     * the store's queries such a plan can be ten times slower. Planning a page costs well under a
     * millisecond. {@code SET LOCAL} ends with the transaction, so the pool's connection is left as it was.
     */
    static void customPlans(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET LOCAL plan_cache_mode = force_custom_plan");
        }
    }

    private static void rollback(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    static void bind(PreparedStatement p, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            bind(p, i + 1, parameters.get(i));
        }
    }

    static void bind(PreparedStatement p, int index, Object value) throws SQLException {
        if (value instanceof Long[]) {
            p.setArray(index, p.getConnection().createArrayOf("bigint", (Long[]) value));
        } else if (value instanceof String[]) {
            p.setArray(index, p.getConnection().createArrayOf("text", (String[]) value));
        } else {
            p.setObject(index, value);
        }
    }

    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static Optional<Instant> optionalInstant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }

    static OptionalLong optionalLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
    }

    static OptionalInt optionalInt(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(v);
    }

    static Optional<String> optionalString(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }
}
