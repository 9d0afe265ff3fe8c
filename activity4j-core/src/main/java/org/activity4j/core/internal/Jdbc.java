package org.activity4j.core.internal;

import java.lang.reflect.Method;
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
import org.activity4j.core.ActivityStoreTimeoutException;
import org.jspecify.annotations.Nullable;

/** Small JDBC helpers of the PostgreSQL activity store: transactions, parameters, nullable columns. */
final class Jdbc {
    private Jdbc() {}

    /** Work done on one connection in one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction: committed when it returns, rolled back when it throws; the
     * connection's autocommit mode is restored before it goes back to the pool. Driver failures become
     * {@link ActivityStoreException}s; our own exceptions pass through unchanged.
     */
    static <T> T transaction(DataSource dataSource, String what, Work<T> work) {
        return transaction(dataSource, what, "", work);
    }

    /**
     * As {@link #transaction(DataSource, String, Work)}, running {@code settings} first in the transaction
     * (one round trip of {@code SET LOCAL} statements, e.g. the time bounds; empty for none).
     */
    static <T> T transaction(DataSource dataSource, String what, String settings, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return inTransaction(c, x -> {
                setLocal(x, settings);
                return work.run(x);
            });
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /** Runs {@code settings} ({@code SET LOCAL} statements separated by semicolons) unless it is empty. */
    static void setLocal(Connection c, String settings) throws SQLException {
        if (!settings.isEmpty()) {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute(settings);
            }
        }
    }

    /** Runs {@code work} in a transaction on {@code c}, then gives {@code c} back its autocommit mode. */
    private static <T> T inTransaction(Connection c, Work<T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException | Error e) {
            rollback(c, e);
            throw e;
        } finally {
            if (autoCommit) {
                c.setAutoCommit(true);
            }
        }
    }

    /** SQLSTATE lock_not_available: a lock wait ran past {@code lock_timeout}. */
    static final String LOCK_NOT_AVAILABLE = "55P03";

    /** SQLSTATE query_canceled: a statement ran past {@code statement_timeout}, or was canceled. */
    static final String QUERY_CANCELED = "57014";

    static ActivityStoreException failed(String what, SQLException e) {
        String message = "activity store: " + what + " failed: " + e.getMessage();
        if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
            return new ActivityStoreTimeoutException(
                    message + " (waited longer than the store's lock timeout for a lock another transaction holds)", e);
        }
        if (QUERY_CANCELED.equals(e.getSQLState())) {
            return new ActivityStoreTimeoutException(
                    message + " (ran longer than the store's statement timeout, or was canceled)", e);
        }
        return new ActivityStoreException(message, e);
    }

    /** The {@code SET LOCAL} statement of a time bound, or nothing for {@link java.time.Duration#ZERO}. */
    static String timeout(String setting, java.time.Duration timeout) {
        if (timeout.isZero()) {
            return "";
        }
        // Whole milliseconds, rounded up: PostgreSQL takes milliseconds, and 0 would mean no bound.
        long millis =
                timeout.toMillis() + (timeout.minusMillis(timeout.toMillis()).isZero() ? 0 : 1);
        return "SET LOCAL " + setting + " = " + millis;
    }

    /** Joins {@code SET LOCAL} statements, skipping empty ones. */
    static String settings(String... statements) {
        StringBuilder all = new StringBuilder();
        for (String statement : statements) {
            if (!statement.isEmpty()) {
                all.append(all.length() == 0 ? "" : "; ").append(statement);
            }
        }
        return all.toString();
    }

    /** The setting of {@link #customPlans}. */
    static final String CUSTOM_PLANS = "SET LOCAL plan_cache_mode = force_custom_plan";

    /**
     * Makes PostgreSQL plan this transaction's statements for their actual parameters. A driver that
     * prepares repeated statements on the server (pgjdbc after five runs) otherwise lets PostgreSQL switch to
     * one generic plan, made without the values, the page offset or which side of a query is selective; for
     * the store's queries such a plan can be ten times slower. Planning a page costs well under a
     * millisecond. {@code SET LOCAL} ends with the transaction, so the pool's connection is left as it was.
     */
    static void customPlans(Connection c) throws SQLException {
        setLocal(c, CUSTOM_PLANS);
    }

    /** Work done with one prepared statement. */
    @FunctionalInterface
    interface StatementWork<T> {
        T run(PreparedStatement p) throws SQLException;
    }

    /**
     * Runs one read-only statement planned for its own values (see {@link #customPlans}). With pgjdbc on a
     * connection in autocommit mode (the default) that is the statement alone, in one round trip: this
     * statement is never prepared on the server (pgjdbc's prepare threshold 0), and PostgreSQL plans a
     * statement that is not prepared for the values bound to it. Otherwise the statement runs in a
     * transaction after {@code SET LOCAL plan_cache_mode}, which cost 0.19 ms more per page on the project's
     * machine (0.54 against 0.35 ms). With {@code settings} (e.g. a statement timeout, which needs a
     * transaction for {@code SET LOCAL}) the statement always runs in a transaction, the settings sent with
     * {@code plan_cache_mode} in one round trip. Failures as in {@link #transaction}.
     */
    static <T> T readPlannedForValues(
            DataSource dataSource, String what, String settings, String sql, StatementWork<T> work) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(sql)) {
            if (settings.isEmpty() && c.getAutoCommit() && neverPreparedOnServer(p)) {
                return work.run(p);
            }
            return inTransaction(c, x -> {
                setLocal(x, settings(CUSTOM_PLANS, settings));
                return work.run(p);
            });
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /**
     * {@link #readPlannedForValues} for a statement that returns many rows (a page of a stream): always in a
     * transaction after {@code SET LOCAL plan_cache_mode} (and {@code settings}), and with pgjdbc prepared on
     * the server from its first run, so that its rows come in binary: an unprepared statement's rows come as
     * text, and parsing five timestamps a row from text was a large part of reading a page of 5,000 (see
     * PERFORMANCE.md, "Streaming every match"). The statement is planned for its values all the same (the
     * transaction's {@code force_custom_plan}); pgjdbc keeps it prepared on the connection.
     */
    static <T> T readManyPlannedForValues(
            DataSource dataSource, String what, String settings, String sql, StatementWork<T> work) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement p = c.prepareStatement(sql)) {
            setPrepareThreshold(p, -1);
            return inTransaction(c, x -> {
                setLocal(x, settings(CUSTOM_PLANS, settings));
                return work.run(p);
            });
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /**
     * pgjdbc's {@code PGStatement.setPrepareThreshold}, found by name for a driver statement class: the store
     * does not depend on any driver.
     */
    private static final ClassValue<Optional<Method>> PREPARE_THRESHOLD = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> statementClass) {
            try {
                Class<?> pg = Class.forName("org.postgresql.PGStatement", false, statementClass.getClassLoader());
                return pg.isAssignableFrom(statementClass)
                        ? Optional.of(pg.getMethod("setPrepareThreshold", int.class))
                        : Optional.empty();
            } catch (ReflectiveOperationException | LinkageError e) {
                return Optional.empty();
            }
        }
    };

    /**
     * Makes the driver send this statement unprepared every time it runs, where the driver is pgjdbc (through
     * a pool's proxy too); returns whether it could.
     */
    static boolean neverPreparedOnServer(PreparedStatement p) {
        return setPrepareThreshold(p, 0);
    }

    /**
     * Makes the driver prepare this statement on the server from its first run, so that its rows come in binary
     * (timestamps as 8 bytes instead of text to parse; see {@link #optionalInstant}), where the driver is pgjdbc
     * (through a pool's proxy too); returns whether it could. pgjdbc keeps the statement prepared on the
     * connection, so the next run of the same SQL is neither parsed nor planned from text again.
     */
    static boolean readInBinary(PreparedStatement p) {
        return setPrepareThreshold(p, -1);
    }

    /**
     * pgjdbc's prepare threshold of this statement, where the driver is pgjdbc (through a pool's proxy too):
     * 0 never prepares it on the server, -1 prepares it from its first run and reads its rows in binary;
     * returns whether it could.
     */
    private static boolean setPrepareThreshold(PreparedStatement p, int threshold) {
        try {
            PreparedStatement own = p.unwrap(PreparedStatement.class);
            Optional<Method> setPrepareThreshold = PREPARE_THRESHOLD.get(own.getClass());
            if (setPrepareThreshold.isEmpty()) {
                return false;
            }
            setPrepareThreshold.get().invoke(own, threshold);
            return true;
        } catch (SQLException | ReflectiveOperationException e) {
            return false;
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
        } else if (value instanceof Integer[]) {
            p.setArray(index, p.getConnection().createArrayOf("integer", (Integer[]) value));
        } else if (value instanceof String[]) {
            p.setArray(index, p.getConnection().createArrayOf("text", (String[]) value));
        } else {
            p.setObject(index, value);
        }
    }

    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Instant t = nullableInstant(rs, column);
        if (t == null) {
            throw new SQLException("column " + column + " is null");
        }
        return t;
    }

    static Optional<Instant> optionalInstant(ResultSet rs, int column) throws SQLException {
        return Optional.ofNullable(nullableInstant(rs, column));
    }

    /** 2000-01-01T00:00:00Z, the origin of PostgreSQL's binary timestamps. */
    private static final long POSTGRES_EPOCH_SECONDS = 946_684_800L;

    /**
     * A timestamptz column as an instant. A column sent in binary (server-prepared statements, such as the
     * stream's pages) is its 8 bytes: microseconds since 2000-01-01 UTC, proleptic Gregorian as Instant is;
     * decoded here directly, because pgjdbc's {@code getObject(OffsetDateTime)} goes through a {@code
     * GregorianCalendar} per value (a fifth of a streamed row's client time). Text (never 8 bytes long: at
     * least "yyyy-mm-dd hh:mm:ss+00") and the infinities go through pgjdbc.
     */
    private static @Nullable Instant nullableInstant(ResultSet rs, int column) throws SQLException {
        byte[] raw = rs.getBytes(column);
        if (raw == null) {
            return null;
        }
        if (raw.length == 8) {
            long micros = 0;
            for (byte b : raw) {
                micros = (micros << 8) | (b & 0xff);
            }
            if (micros != Long.MAX_VALUE && micros != Long.MIN_VALUE) {
                return Instant.ofEpochSecond(
                        POSTGRES_EPOCH_SECONDS + Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1_000L);
            }
        }
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    static OptionalLong optionalLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
    }

    static OptionalInt optionalInt(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(v);
    }

    static Optional<String> optionalString(ResultSet rs, int column) throws SQLException {
        return Optional.ofNullable(rs.getString(column));
    }
}
