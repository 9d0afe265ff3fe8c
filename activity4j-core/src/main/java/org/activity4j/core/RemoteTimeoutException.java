package org.activity4j.core;

import java.time.Duration;
import java.util.Objects;

/**
 * A remote call did not complete within its request timeout, which bounds the whole call: connecting, the
 * TLS handshake, waiting for the answer, reading its body and any retries. A {@link
 * BackendUnavailableException}, so code that retries unreachable peers later handles it too; {@link
 * #timeout()} is the bound that was exceeded.
 *
 * <pre>{@code
 * catch (RemoteTimeoutException e) { log("no answer within " + e.timeout()); }
 * }</pre>
 *
 * <p>Immutable once thrown; safe to share between threads.
 */
public final class RemoteTimeoutException extends BackendUnavailableException {
    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    /**
     * @param message what timed out, for people
     * @param timeout the request timeout that was exceeded
     * @param cause the HTTP client's timeout exception
     */
    public RemoteTimeoutException(String message, Duration timeout, Throwable cause) {
        super(message, cause);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The request timeout that the call exceeded. */
    public Duration timeout() {
        return timeout;
    }
}
