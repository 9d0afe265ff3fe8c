package org.activity4j.agent;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import org.activity4j.client.wire.LandscapeCodec;
import org.activity4j.client.wire.LandscapeError;

/**
 * The part of the agent's URL space that is Landscape's: {@code /api} and everything under {@code /api/}.
 * Every error there, also those the HTTP server raises itself (404, 405, 400, 408, 413, 431, 503), has
 * Landscape's {@code {"error": "<Code>", "message": "<text>"}} shape, because Landscape clients read the
 * {@code message} of every error (Canonical's client fails on a body without one). Stateless.
 */
final class LandscapePaths {
    /** The legacy endpoint without its trailing slash, as Canonical's client's own example writes it. */
    static final String LEGACY_WITHOUT_SLASH = "/api";

    private LandscapePaths() {}

    /** Whether {@code path} is Landscape's: {@code /api} or under {@code /api/}. */
    static boolean isLandscape(String path) {
        return path.equals(LEGACY_WITHOUT_SLASH) || path.startsWith(ReferenceAgent.LANDSCAPE_PATH);
    }

    /** Whether {@code path} is the legacy {@code ?action=} endpoint, {@code /api/} or {@code /api}. */
    static boolean isLegacy(String path) {
        return path.equals(LEGACY_WITHOUT_SLASH) || path.equals(ReferenceAgent.LANDSCAPE_PATH);
    }

    /** The error code of an HTTP status the server answers on its own. */
    static String code(int status) {
        switch (status) {
            case 400:
                return "BadRequest";
            case 401:
                return LandscapeError.UNAUTHORISED;
            case 404:
                return "NotFound";
            case 405:
                return "MethodNotAllowed";
            case 408:
                return "RequestTimeout";
            case 413:
                return "RequestTooLarge";
            case 431:
                return "RequestHeaderFieldsTooLarge";
            case 503:
                return "ServiceUnavailable";
            default:
                return status >= 500 ? "InternalServerError" : "HTTP" + status;
        }
    }

    /** The Landscape error body for {@code status} with {@code message}. */
    static String body(int status, String message) {
        return LandscapeCodec.encodeError(new LandscapeError(code(status), message));
    }

    /** Answers 404 in Landscape's shape. */
    static void notFound(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Exchanges.respond(
                exchange,
                e -> new Answer(404, body(404, "no such Landscape API endpoint: " + path)),
                body(400, "malformed request"));
    }
}
