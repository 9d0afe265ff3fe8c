package org.activity4j.core;

import java.time.Instant;
import java.util.Optional;

/**
 * The PostgreSQL server (or, remotely, the agent in front of it, or a remote activity service) could not be
 * reached, or failed a query that reads its activity. The cause is the driver's or the HTTP client's exception,
 * or the {@link RemoteApiException} of a remote server error (HTTP 5xx).
 *
 * <pre>{@code
 * catch (BackendUnavailableException e) { retryLater(); }
 * }</pre>
 *
 * <p>A call that ran out of time is the subtype {@link RemoteTimeoutException}. A server error that said when
 * to come back ({@code Retry-After}) has that time in {@link #retryAfter()}.
 *
 * <p>Immutable once thrown; safe to share between threads.
 */
public sealed class BackendUnavailableException extends ActivityException permits RemoteTimeoutException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * When the server asked to be called again: the {@link RemoteApiException#retryAfter()} of the cause, if
     * the cause is a server's error answer; empty otherwise.
     *
     * <pre>{@code
     * catch (BackendUnavailableException e) { retryAt(e.retryAfter().orElse(Instant.now().plusSeconds(10))); }
     * }</pre>
     */
    public Optional<Instant> retryAfter() {
        Throwable cause = getCause();
        return cause instanceof RemoteApiException ? ((RemoteApiException) cause).retryAfter() : Optional.empty();
    }
}
