package org.activity4j.core;

/**
 * The database behind an activity store failed: unreachable, or a statement failed. The cause is the
 * driver's exception; nothing of the failed call was applied.
 *
 * <pre>{@code
 * catch (ActivityStoreException e) { retryLater(e); }
 * }</pre>
 *
 * <p>Immutable once thrown; safe to share between threads.
 */
public final class ActivityStoreException extends ActivityException {
    private static final long serialVersionUID = 1L;

    public ActivityStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
