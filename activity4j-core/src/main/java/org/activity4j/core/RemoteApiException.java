package org.activity4j.core;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A remote agent or service answered a request with an error status: carries the HTTP status, the error
 * code when the wire format has one (Landscape's {@code "error"}, normalised without an {@code Error}
 * suffix; temBoard's old API has none) and the server's message. Subtypes name the kinds a caller may want
 * to handle apart: {@link RemoteAuthenticationException} and {@link RemoteQueryException}.
 *
 * <pre>{@code
 * try {
 *     client.getActivityTypes();
 * } catch (RemoteApiException e) {
 *     System.out.println(e.httpStatus() + " " + e.code().orElse("-") + ": " + e.remoteMessage());
 * }
 * }</pre>
 *
 * <p>A server that says when to come back ({@code Retry-After} on 429 or 503) has that time in {@link
 * #retryAfter()}: {@code e.retryAfter().ifPresent(when -> scheduleAt(when))}.
 *
 * <p>Immutable once thrown; safe to share between threads.
 */
public sealed class RemoteApiException extends ActivityException
        permits RemoteAuthenticationException, RemoteQueryException {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;
    private final String code;
    private final String remoteMessage;
    private final @Nullable Instant retryAfter;

    /**
     * @param httpStatus the response's status, 100 to 599
     * @param code the error code, empty string when the format has none
     * @param remoteMessage the server's message, as sent
     */
    public RemoteApiException(int httpStatus, String code, String remoteMessage) {
        this(httpStatus, code, remoteMessage, Optional.empty());
    }

    /**
     * An error whose server said when to try again.
     *
     * <pre>{@code
     * new RemoteApiException(503, "", "busy", Optional.of(Instant.now().plusSeconds(30)));
     * }</pre>
     *
     * @param httpStatus the response's status, 100 to 599
     * @param code the error code, empty string when the format has none
     * @param remoteMessage the server's message, as sent
     * @param retryAfter the time the server's {@code Retry-After} names, empty when it sent none
     */
    public RemoteApiException(int httpStatus, String code, String remoteMessage, Optional<Instant> retryAfter) {
        super(message(httpStatus, code, remoteMessage));
        if (httpStatus < 100 || httpStatus > 599) {
            throw new IllegalArgumentException("httpStatus must be 100 to 599: " + httpStatus);
        }
        this.httpStatus = httpStatus;
        this.code = code;
        this.remoteMessage = remoteMessage;
        this.retryAfter = retryAfter.orElse(null);
    }

    /**
     * When the server asked to be called again ({@code Retry-After}, in seconds or as an HTTP date, read
     * against the client's clock on receipt); empty when it did not say.
     */
    public Optional<Instant> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The HTTP status of the response. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The error code, without an {@code Error} suffix; empty when the wire format has no codes. */
    public Optional<String> code() {
        return code.isEmpty() ? Optional.empty() : Optional.of(code);
    }

    /** The server's message, as sent. */
    public String remoteMessage() {
        return remoteMessage;
    }

    private static String message(int httpStatus, String code, String remoteMessage) {
        return "remote error, HTTP " + httpStatus + (code.isEmpty() ? "" : " " + code) + ": " + remoteMessage;
    }
}
