package org.activity4j.core;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a PostgreSQL activity store is set up ({@link ActivityStores#postgres(javax.sql.DataSource,
 * PostgresStoreOptions)}): its schema, clock, what it does with the schema at startup, and the time bounds
 * of its statements.
 *
 * <pre>{@code
 * PostgresStoreOptions options = PostgresStoreOptions.builder()
 *         .schema("activity4j")
 *         .schemaMode(SchemaMode.VALIDATE)          // the service migrates the schema itself
 *         .statementTimeout(Duration.ofSeconds(10)) // pages and other reads
 *         .lockTimeout(Duration.ofSeconds(2))       // cancel, approve and other writes
 *         .build();
 * ActivityStore store = ActivityStores.postgres(dataSource, options);
 * }</pre>
 *
 * <p>The time bounds are set per transaction ({@code SET LOCAL}), so the pool's connections keep their own
 * settings. {@link Duration#ZERO} sets no bound of the store's own: the server's or the role's setting
 * applies. A statement that runs out of time throws {@link ActivityStoreTimeoutException}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param schema the schema the store's tables live in (lowercase letters, digits and underscores, at most
 *     63, not starting with a digit); default {@value ActivityStores#DEFAULT_SCHEMA}
 * @param clock where the store's times come from; default the system UTC clock
 * @param schemaMode what the store does with the schema at startup; default {@link SchemaMode#MIGRATE}
 * @param createTrigramExtension whether the store may run {@code CREATE EXTENSION pg_trgm} when the
 *     extension is not installed (and then add its trigram indexes); default false: the trigram indexes are
 *     made only where pg_trgm is installed already
 * @param statementTimeout the {@code statement_timeout} of the store's reads (pages, types, single
 *     activities and computers); default {@link #DEFAULT_STATEMENT_TIMEOUT}
 * @param lockTimeout the {@code lock_timeout} of the store's writes (cancel, approve, creating activities,
 *     reports, registering computers and people); default {@link #DEFAULT_LOCK_TIMEOUT}
 */
public record PostgresStoreOptions(
        String schema,
        Clock clock,
        SchemaMode schemaMode,
        boolean createTrigramExtension,
        Duration statementTimeout,
        Duration lockTimeout) {
    /** The default bound of a read: 30 seconds, far above a page's milliseconds, far below "forever". */
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    /** The default bound of a write's wait for a lock: 5 seconds. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(5);

    /** The largest time bound PostgreSQL takes: {@code Integer.MAX_VALUE} milliseconds (about 24.8 days). */
    public static final Duration MAX_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    public PostgresStoreOptions {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(schemaMode, "schemaMode");
        checkTimeout("statementTimeout", statementTimeout);
        checkTimeout("lockTimeout", lockTimeout);
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("schema name must be lowercase letters, digits and underscores"
                    + " (at most 63, not starting with a digit): " + schema);
        }
    }

    private static void checkTimeout(String name, Duration timeout) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException(name + " must be between 0 and " + MAX_TIMEOUT + ": " + timeout);
        }
    }

    /** The defaults: see the components. */
    public static PostgresStoreOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder()
                .schema(schema)
                .clock(clock)
                .schemaMode(schemaMode)
                .createTrigramExtension(createTrigramExtension)
                .statementTimeout(statementTimeout)
                .lockTimeout(lockTimeout);
    }

    /**
     * Builds {@link PostgresStoreOptions}; {@link #build()} checks the values.
     *
     * <pre>{@code
     * PostgresStoreOptions.builder().schemaMode(SchemaMode.VALIDATE).build();
     * }</pre>
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private String schema = ActivityStores.DEFAULT_SCHEMA;
        private Clock clock = Clock.systemUTC();
        private SchemaMode schemaMode = SchemaMode.MIGRATE;
        private boolean createTrigramExtension;
        private Duration statementTimeout = DEFAULT_STATEMENT_TIMEOUT;
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;

        private Builder() {}

        /** See {@link PostgresStoreOptions#schema()}. */
        public Builder schema(String schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /** See {@link PostgresStoreOptions#clock()}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** See {@link PostgresStoreOptions#schemaMode()}. */
        public Builder schemaMode(SchemaMode schemaMode) {
            this.schemaMode = Objects.requireNonNull(schemaMode, "schemaMode");
            return this;
        }

        /** See {@link PostgresStoreOptions#createTrigramExtension()}. */
        public Builder createTrigramExtension(boolean createTrigramExtension) {
            this.createTrigramExtension = createTrigramExtension;
            return this;
        }

        /** See {@link PostgresStoreOptions#statementTimeout()}. */
        public Builder statementTimeout(Duration statementTimeout) {
            this.statementTimeout = Objects.requireNonNull(statementTimeout, "statementTimeout");
            return this;
        }

        /** See {@link PostgresStoreOptions#lockTimeout()}. */
        public Builder lockTimeout(Duration lockTimeout) {
            this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
            return this;
        }

        /**
         * The options.
         *
         * @throws IllegalArgumentException if the schema name is not a plain lowercase name, or a timeout is
         *     negative or above {@link PostgresStoreOptions#MAX_TIMEOUT}
         */
        public PostgresStoreOptions build() {
            return new PostgresStoreOptions(
                    schema, clock, schemaMode, createTrigramExtension, statementTimeout, lockTimeout);
        }
    }
}
