package org.activity4j.core;

/**
 * The database behind an activity store failed: unreachable, a statement failed or ran out of time ({@link
 * ActivityStoreTimeoutException}), or the schema could not be set up or is not at the version this library
 * needs. The cause, when there is one, is the driver's exception; nothing of the failed call was applied.
 *
 * <pre>{@code
 * catch (ActivityStoreException e) { retryLater(e); }
 * }</pre>
 *
 * <p>Immutable once thrown; safe to share between threads.
 */
public sealed class ActivityStoreException extends ActivityException permits ActivityStoreTimeoutException {
    private static final long serialVersionUID = 1L;

    public ActivityStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure that no driver exception caused, e.g. a schema at the wrong version. */
    public ActivityStoreException(String message) {
        super(message);
    }
}
