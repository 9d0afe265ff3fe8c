package org.activity4j.client.wire;

import java.util.Set;

/**
 * A Landscape error body, {@code {"error": "InvalidQuery", "message": "..."}}. Servers write the code with
 * or without an {@code Error} suffix; {@link #code()} is normalised without it.
 *
 * <pre>{@code
 * LandscapeError e = LandscapeCodec.decodeError(body);
 * if (e.code().equals(LandscapeError.INVALID_QUERY)) { ... }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param code the error code without an {@code Error} suffix, e.g. {@code InvalidQuery}
 * @param message the message; for {@code InvalidActivityStatusChange}, lines {@code <id> => <reason>}
 */
public record LandscapeError(String code, String message) {
    public static final String INVALID_QUERY = "InvalidQuery";
    public static final String INVALID_ACTIVITY_STATUS_CHANGE = "InvalidActivityStatusChange";
    public static final String UNAUTHORISED = "Unauthorised";
    public static final String AUTH_FAILURE = "AuthFailure";
    public static final String SIGNATURE_DOES_NOT_MATCH = "SignatureDoesNotMatch";
    public static final String INVALID_CREDENTIALS = "InvalidCredentials";

    private static final Set<String> AUTHENTICATION =
            Set.of(UNAUTHORISED, AUTH_FAILURE, SIGNATURE_DOES_NOT_MATCH, INVALID_CREDENTIALS);

    public LandscapeError {
        code = normalize(code);
    }

    /** {@code code} without a trailing {@code Error} ({@code InvalidQueryError} is {@code InvalidQuery}). */
    public static String normalize(String code) {
        return code.endsWith("Error") && code.length() > "Error".length()
                ? code.substring(0, code.length() - "Error".length())
                : code;
    }

    /** Whether the code says the credentials or the rights were refused. */
    public boolean isAuthentication() {
        return AUTHENTICATION.contains(code);
    }
}
