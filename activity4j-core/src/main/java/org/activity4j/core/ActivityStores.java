package org.activity4j.core;

import java.time.Clock;
import javax.sql.DataSource;
import org.activity4j.core.internal.InMemoryActivityStore;
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
     * serving {@value #DEFAULT_ACCOUNT}. The schema is created or upgraded now; the connections' user needs
     * the rights to do that the first time.
     *
     * @throws ActivityStoreException if the database cannot be reached or the schema cannot be set up
     */
    public static ActivityStore postgres(DataSource dataSource) {
        return postgres(dataSource, DEFAULT_SCHEMA, Clock.systemUTC());
    }

    /**
     * A store in PostgreSQL in the given schema (lowercase letters, digits and underscores), with times from
     * {@code clock}, serving {@value #DEFAULT_ACCOUNT}. The schema holds versioned tables: created when
     * missing, upgraded when older, refused when newer than this library.
     *
     * @throws ActivityStoreException if the database cannot be reached or the schema cannot be set up
     */
    public static ActivityStore postgres(DataSource dataSource, String schema, Clock clock) {
        return PostgresActivityStore.create(dataSource, schema, clock, DEFAULT_ACCOUNT);
    }
}
