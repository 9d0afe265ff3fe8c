package org.activity4j.client.internal;

import org.activity4j.core.ActivityException;
import org.activity4j.core.BackendUnavailableException;
import org.activity4j.core.RemoteApiException;

/**
 * How both clients report an error status: the status an exception carries, and an error of the server
 * ({@code 5xx}) as {@link BackendUnavailableException}, the same failure as a server that cannot be reached.
 *
 * <pre>{@code
 * RemoteApiException e = new RemoteApiException(RemoteErrors.status(r.status()), "", message);
 * throw RemoteErrors.unavailableIfServerError(e, "the temBoard agent at " + base);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class RemoteErrors {
    private RemoteErrors() {}

    /** The response's status as an exception carries it: 500 when it is not an HTTP status (100 to 599). */
    public static int status(int responseStatus) {
        return responseStatus < 100 || responseStatus > 599 ? 500 : responseStatus;
    }

    /**
     * {@code error} wrapped in a {@link BackendUnavailableException} that says {@code "<peer> failed: ..."}
     * when its status is 500 or more; otherwise {@code error} itself.
     */
    public static ActivityException unavailableIfServerError(RemoteApiException error, String peer) {
        if (error.httpStatus() >= 500) {
            return new BackendUnavailableException(peer + " failed: " + error.getMessage(), error);
        }
        return error;
    }
}
