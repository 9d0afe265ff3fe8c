package org.activity4j.agent;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.activity4j.client.wire.LandscapeCodec;
import org.activity4j.client.wire.LandscapeError;
import org.activity4j.client.wire.LandscapeParams;
import org.activity4j.client.wire.LandscapeSignature;
import org.activity4j.core.ActivityException;
import org.activity4j.core.ActivityService;
import org.activity4j.core.ActivityStatusChangeException;
import org.activity4j.core.WireFormatException;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QuerySyntaxException;

/**
 * Landscape's legacy {@code ?action=} API ({@code GetActivities}, {@code GetActivityTypes}, {@code
 * CancelActivities}, {@code ApproveActivities}) over the services of the access keys. Checks, in order:
 * method (GET or POST), parameters, {@code access_key_id}, signature method and version, timestamp window,
 * signature (constant time), API version, action. Thread-safe.
 */
final class LandscapeApi {
    /**
     * The API versions that have these actions, with the same schema: {@code 2011-08-01} (the legacy API's
     * first, and what {@code LandscapeClient} sends) and {@code 2013-11-04} (Canonical's client's {@code
     * APIv2}).
     */
    static final Set<String> API_VERSIONS = Set.of("2011-08-01", "2013-11-04");

    private static final String UNKNOWN_KEY_SECRET = "no such key; signed only to take the usual time";

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,9}");

    private final LandscapeAuth auth;
    private final Clock clock;
    private final Duration window;
    private final Duration futureSkew;
    private final SignatureReplays replays;

    LandscapeApi(LandscapeAuth auth, Clock clock, Duration window, Duration futureSkew, int rememberedSignatures) {
        this.auth = auth;
        this.clock = clock;
        this.window = window;
        this.futureSkew = futureSkew;
        this.replays = new SignatureReplays(rememberedSignatures);
    }

    void handle(HttpExchange exchange) throws IOException {
        Exchanges.respond(
                exchange,
                this::answer,
                LandscapeCodec.encodeError(new LandscapeError("InvalidParameter", "malformed request body")));
    }

    private static Answer error(int status, String code, String message) {
        return LandscapeAuth.error(status, code, message);
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        String verb = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        Map<String, String> params;
        try {
            if (verb.equals("GET")) {
                String query = exchange.getRequestURI().getRawQuery();
                params = LandscapeParams.decode(query == null ? "" : query);
            } else if (verb.equals("POST")) {
                Optional<String> body = Exchanges.body(exchange);
                if (body.isEmpty()) {
                    return error(
                            Exchanges.TOO_LARGE,
                            "InvalidParameter",
                            "the request body is larger than " + Exchanges.MAX_BODY_BYTES + " bytes");
                }
                params = LandscapeParams.decode(body.get());
            } else {
                return error(405, "InvalidParameter", "method " + verb + " is not allowed; use GET or POST");
            }
        } catch (WireFormatException e) {
            return error(400, "InvalidParameter", String.valueOf(e.getMessage()));
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        boolean bearer = LandscapeAuth.isBearer(authorization);
        ActivityService service;
        if (bearer) {
            // A JWT replaces the signature: only action and version (and the action's parameters) are needed.
            LandscapeAuth.Checked checked = auth.bearer(Objects.requireNonNull(authorization));
            Answer refused = checked.refused();
            if (refused != null) {
                return refused;
            }
            service = Objects.requireNonNull(checked.service());
        } else {
            Optional<Answer> refused = authenticate(exchange, verb, params);
            if (refused.isPresent()) {
                return refused.get();
            }
            service = auth.key(Objects.requireNonNull(params.get(LandscapeSignature.ACCESS_KEY_ID)))
                    .orElseThrow()
                    .service();
        }
        String version = params.get("version");
        if (version == null || !API_VERSIONS.contains(version)) {
            return error(
                    400,
                    "InvalidParameter",
                    "version must be 2011-08-01 or 2013-11-04 (the versions with these actions): " + version);
        }
        String action = params.getOrDefault("action", "");
        if (action.equals("CancelActivities") || action.equals("ApproveActivities")) {
            if (!params.containsKey("query")) {
                return missingQuery(action);
            }
            Optional<Answer> replayed = bearer ? Optional.empty() : replay(params);
            if (replayed.isPresent()) {
                return replayed.get();
            }
        }
        try {
            switch (action) {
                case "GetActivities":
                    return getActivities(service, params);
                case "GetActivityTypes":
                    return Answer.ok(LandscapeCodec.encodeActivityTypes(service.getActivityTypes()));
                case "CancelActivities":
                    return Answer.ok(LandscapeCodec.encodeIds(service.cancelActivities(query(params))));
                case "ApproveActivities":
                    return Answer.ok(LandscapeCodec.encodeIds(service.approveActivities(query(params))));
                default:
                    return error(400, "InvalidAction", "unknown action: '" + action + "'");
            }
        } catch (QuerySyntaxException e) {
            return error(400, LandscapeError.INVALID_QUERY, String.valueOf(e.getMessage()));
        } catch (ActivityStatusChangeException e) {
            return error(400, LandscapeError.INVALID_ACTIVITY_STATUS_CHANGE, LandscapeCodec.formatReasons(e.reasons()));
        } catch (IllegalArgumentException e) {
            return error(400, "InvalidParameter", String.valueOf(e.getMessage()));
        } catch (ActivityException e) {
            return error(500, "InternalServerError", "the activity service failed: " + e.getMessage());
        }
    }

    private Optional<Answer> authenticate(HttpExchange exchange, String verb, Map<String, String> params) {
        String keyId = params.get(LandscapeSignature.ACCESS_KEY_ID);
        if (keyId == null || keyId.isEmpty()) {
            return Optional.of(error(401, LandscapeError.AUTH_FAILURE, "access_key_id is missing"));
        }
        if (!LandscapeSignature.METHOD.equals(params.get(LandscapeSignature.SIGNATURE_METHOD))
                || !LandscapeSignature.VERSION.equals(params.get(LandscapeSignature.SIGNATURE_VERSION))) {
            return Optional.of(error(
                    401, LandscapeError.AUTH_FAILURE, "signature_method must be HmacSHA256 and signature_version 2"));
        }
        String timestamp = params.get(LandscapeSignature.TIMESTAMP);
        Instant signedAt;
        try {
            if (timestamp == null) {
                throw WireFormatException.missing(LandscapeSignature.TIMESTAMP);
            }
            signedAt = LandscapeSignature.parseTimestamp(timestamp);
        } catch (WireFormatException e) {
            return Optional.of(error(401, LandscapeError.AUTH_FAILURE, String.valueOf(e.getMessage())));
        }
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(window)) || signedAt.isAfter(now.plus(futureSkew))) {
            return Optional.of(error(
                    401,
                    LandscapeError.AUTH_FAILURE,
                    "timestamp " + timestamp + " is more than " + window.toSeconds() + " s before or "
                            + futureSkew.toSeconds() + " s after the server's time"));
        }
        String host = exchange.getRequestHeaders().getFirst("Host");
        String path = exchange.getRequestURI().getRawPath();
        LandscapeAuth.AccessKey key = auth.key(keyId).orElse(null);
        // An unknown key is verified against a dummy secret, so that it takes as long as a known one.
        boolean signed = LandscapeSignature.verify(
                key == null ? UNKNOWN_KEY_SECRET : key.secret(), verb, host == null ? "" : host, path, params);
        if (key == null) {
            return Optional.of(error(401, LandscapeError.INVALID_CREDENTIALS, "unknown access key"));
        }
        if (!signed) {
            return Optional.of(error(
                    403,
                    LandscapeError.SIGNATURE_DOES_NOT_MATCH,
                    "the request signature does not match; check the secret key and the signing method"));
        }
        return Optional.empty();
    }

    /**
     * Refuses a state-changing request whose signature was accepted before and has not left the window.
     * Reads are not checked: HTTP clients re-send them on their own (the JDK's client retries an idempotent
     * request when a kept-alive connection fails), and sending one again changes nothing.
     */
    private Optional<Answer> replay(Map<String, String> params) {
        // Verified by authenticate: key, timestamp and signature are present and well-formed.
        String key = Objects.requireNonNull(params.get(LandscapeSignature.ACCESS_KEY_ID));
        String signature = Objects.requireNonNull(params.get(LandscapeSignature.SIGNATURE));
        Instant signedAt =
                LandscapeSignature.parseTimestamp(Objects.requireNonNull(params.get(LandscapeSignature.TIMESTAMP)));
        switch (replays.remember(key + "\n" + signature, signedAt.plus(window), clock.instant())) {
            case REPLAY:
                return Optional.of(error(
                        401,
                        LandscapeError.AUTH_FAILURE,
                        "this signed request was accepted before: a replay is refused; sign each request anew"));
            case FULL:
                return Optional.of(error(
                        503,
                        "ServiceUnavailable",
                        "too many signed changes within the signature window to guard against replays; try again"
                                + " later"));
            default:
                return Optional.empty();
        }
    }

    private static Answer getActivities(ActivityService service, Map<String, String> params) {
        int limit = number(params, "limit", ActivityService.DEFAULT_LIMIT);
        int offset = number(params, "offset", 0);
        return Answer.ok(LandscapeCodec.encodeActivities(service.getActivities(query(params), limit, offset)));
    }

    /**
     * {@code query} is mandatory for the actions that change activities: without it they would change every
     * activity of the account. An explicit query, even one that matches everything, is allowed.
     */
    private static Answer missingQuery(String action) {
        return error(
                400, "MissingParameter", action + " needs the parameter 'query' (it selects the activities to change)");
    }

    static QueryCriteria query(Map<String, String> params) {
        return QueryCriteria.parse(params.getOrDefault("query", ""));
    }

    static int number(Map<String, String> params, String name, int absent) {
        String text = params.get(name);
        if (text == null) {
            return absent;
        }
        // ASCII digits only: Integer.parseInt also takes a sign and digits of other scripts ("+5", "٣").
        if (!DIGITS.matcher(text).matches()) {
            throw new IllegalArgumentException(name + " must be a whole number of 1 to 9 digits 0-9: '" + text + "'");
        }
        return Integer.parseInt(text);
    }
}
