package org.activity4j.core;

/**
 * The PostgreSQL server (or, remotely, the agent in front of it, or a remote activity service) could not be
 * reached, or failed a query that reads its activity. The cause is the driver's or the HTTP client's exception,
 * or the {@link RemoteApiException} of a remote server error (HTTP 5xx).
 *
 * <pre>{@code
 * catch (BackendUnavailableException e) { retryLater(); }
 * }</pre>
 *
 * <p>Immutable once thrown; safe to share between threads.
 */
public final class BackendUnavailableException extends ActivityException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
