package org.activity4j.core;

/**
 * A statement of an activity store ran out of time: it waited longer than the store's lock timeout for a
 * row another transaction holds (a cancel or approve behind a held lock), or ran longer than its statement
 * timeout, or was canceled ({@code pg_cancel_backend}). Nothing of the call was applied; the cause is the
 * driver's exception (SQLSTATE {@code 55P03} or {@code 57014}). See {@link PostgresStoreOptions}.
 *
 * <pre>{@code
 * try {
 *     service.cancelActivities(query);
 * } catch (ActivityStoreTimeoutException e) {
 *     retryLater(e);
 * }
 * }</pre>
 *
 * <p>Immutable once thrown; safe to share between threads.
 */
public final class ActivityStoreTimeoutException extends ActivityStoreException {
    private static final long serialVersionUID = 1L;

    public ActivityStoreTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
