package org.activity4j.core;

/**
 * The remote agent does not offer the operation: for example {@link BackendInspector#cancel(java.util.List)}
 * on a temBoard agent, whose old API can terminate backends but not cancel their queries. Nothing was sent
 * to PostgreSQL.
 *
 * <pre>{@code
 * try {
 *     remote.cancel(List.of(pid));
 * } catch (UnsupportedRemoteOperationException e) {
 *     remote.terminate(List.of(pid));
 * }
 * }</pre>
 *
 * <p>Immutable once thrown; safe to share between threads.
 */
public final class UnsupportedRemoteOperationException extends ActivityException {
    private static final long serialVersionUID = 1L;

    private final String operation;

    /**
     * @param operation what was asked, e.g. {@code cancel}
     * @param message for people: which agent, and what it lacks
     * @param cause the remote error that showed it (the route answered 404)
     */
    public UnsupportedRemoteOperationException(String operation, String message, Throwable cause) {
        super(message, cause);
        this.operation = operation;
    }

    /** What was asked, e.g. {@code cancel}. */
    public String operation() {
        return operation;
    }
}
