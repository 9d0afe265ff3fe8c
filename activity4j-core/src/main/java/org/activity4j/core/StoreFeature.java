package org.activity4j.core;

/**
 * An optional part of a PostgreSQL activity store's schema that the store works without, more slowly;
 * {@link ActivityStore#missingFeatures()} names the ones it lacks.
 *
 * <pre>{@code
 * store.missingFeatures().forEach(f -> log.warn(f.whenMissing()));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public enum StoreFeature {
    /**
     * The trigram indexes (extension pg_trgm) on summaries and on the word dictionary, which serve bare
     * words of queries. They are created when pg_trgm is installed in the database when the schema is
     * migrated, or when the store may create it ({@link PostgresStoreOptions#createTrigramExtension()}).
     */
    TRIGRAM_INDEXES("no trigram index: bare words scan summaries");

    private final String whenMissing;

    StoreFeature(String whenMissing) {
        this.whenMissing = whenMissing;
    }

    /** What a store without this feature does instead, in words, e.g. {@code "no trigram index: bare words scan summaries"}. */
    public String whenMissing() {
        return whenMissing;
    }
}
