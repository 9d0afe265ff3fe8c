package org.activity4j.core;

/**
 * The remote agent or service refused the credentials: a wrong user name or password, an expired session
 * that a new login did not cure, an unknown access key, a signature that does not match, a timestamp out of
 * the allowed window, or a right the account does not have ({@code Unauthorised}).
 *
 * <pre>{@code
 * try {
 *     remote.activity();
 * } catch (RemoteAuthenticationException e) {
 *     askForNewCredentials();
 * }
 * }</pre>
 *
 * <p>Immutable once thrown; safe to share between threads.
 */
public final class RemoteAuthenticationException extends RemoteApiException {
    private static final long serialVersionUID = 1L;

    /** As {@link RemoteApiException#RemoteApiException(int, String, String)}. */
    public RemoteAuthenticationException(int httpStatus, String code, String remoteMessage) {
        super(httpStatus, code, remoteMessage);
    }
}
