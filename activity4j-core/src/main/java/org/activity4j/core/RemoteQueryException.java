package org.activity4j.core;

/**
 * The remote service refused the query text ({@code InvalidQuery}): the remote counterpart of a
 * {@code QuerySyntaxException}, without a position because the server does not send one. Carries the query
 * as it was sent and the server's message.
 *
 * <pre>{@code
 * try {
 *     landscape.getActivities(QueryCriteria.parse("computer:needs:reboot"));
 * } catch (RemoteQueryException e) {
 *     System.out.println(e.query() + ": " + e.remoteMessage());
 * }
 * }</pre>
 *
 * <p>Immutable once thrown; safe to share between threads.
 */
public final class RemoteQueryException extends RemoteApiException {
    private static final long serialVersionUID = 1L;

    private final String query;

    /**
     * @param httpStatus the response's status
     * @param code the error code, normally {@code InvalidQuery}
     * @param remoteMessage the server's message
     * @param query the query text as it was sent
     */
    public RemoteQueryException(int httpStatus, String code, String remoteMessage, String query) {
        super(httpStatus, code, remoteMessage);
        this.query = query;
    }

    /** The query text as it was sent. */
    public String query() {
        return query;
    }
}
