package org.activity4j.core;

import java.time.Clock;
import org.activity4j.core.internal.InMemoryActivityStore;

/**
 * Where activities live: in memory (the embedded default) or in PostgreSQL. Both behave alike, down to the
 * order of pages and the reasons of refused changes; the compatibility kit in activity4j-testkit checks it.
 *
 * <pre>{@code
 * ActivityStore store = ActivityStores.inMemory();
 * ActivityService acme = store.forAccount("acme");
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class ActivityStores {
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
}
