package org.activity4j.core;

/**
 * The root of every exception activity4j throws for a failure outside the caller's control (invalid
 * arguments are {@link IllegalArgumentException}s). Unchecked; one subtype per kind of failure, e.g.
 * {@link BackendUnavailableException}.
 *
 * <pre>{@code
 * try {
 *     inspector.activity();
 * } catch (ActivityException e) {
 *     log.warn("cannot list backends", e);
 * }
 * }</pre>
 *
 * <p>Immutable once thrown; safe to share between threads.
 */
public abstract class ActivityException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected ActivityException(String message, Throwable cause) {
        super(message, cause);
    }

    protected ActivityException(String message) {
        super(message);
    }
}
