package org.activity4j.agent;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.activity4j.client.wire.TemboardCodec;
import org.activity4j.client.wire.TemboardSessionsCodec;
import org.activity4j.client.wire.TemboardSignature;
import org.activity4j.core.ActivityException;
import org.activity4j.core.BackendInspector;
import org.jspecify.annotations.Nullable;

/**
 * The signed activity API of temBoard agents 8.0 and later over a {@link BackendInspector}: {@code GET /activity},
 * {@code /activity/waiting}, {@code /activity/blocking}, {@code /activity/sessions}, {@code /activity/locks} (each
 * with {@code ?limit=}, default 300), {@code POST /activity/kill} and the extension {@code POST /activity/cancel}.
 * Checks in the real agent's order and with its bodies: route (404 {@code Not found: '/x'}, 405 for another
 * method), {@code X-TemBoard-Date} (400 {@code Missing X-TemBoard-Date header.}, {@code Request older than 2
 * hours.}), {@code X-TemBoard-Signature} (400 {@code Missing X-TemBoard-Signature header.}, {@code Unsupported
 * signature format}, {@code Malformed signature}, {@code Missing headers for request signing: ...}; 403 {@code
 * Invalid signature}), {@code X-TemBoard-User} (400 {@code Missing username}). The key is the user's own if one
 * was configured for the user name, else the agent's key for every user. Beyond the real agent: a date that is
 * not {@code yyyyMMdd'T'HHmmss'Z'} is 400 {@code Malformed X-TemBoard-Date header.}, a date more than the
 * future skew ahead is 400 {@code Request date is in the future.}, a signed {@code POST} sent again within its two
 * hours is 403 {@code Request already received.}, a {@code limit} that is not a number from 1 is 406 {@code
 * Parameter 'limit' is malformed.} (the real agent answers 500). Thread-safe.
 */
final class TemboardSignedApi {
    private static final String PREFIX = "/activity";
    private static final Map<String, String> ROUTES = Map.of(
            "", "GET",
            "/", "GET",
            "/waiting", "GET",
            "/blocking", "GET",
            "/sessions", "GET",
            "/locks", "GET",
            "/kill", "POST",
            "/cancel", "POST");
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int DEFAULT_LIMIT = 300;

    private final BackendInspector inspector;
    /** For the answers that carry no OS figures ({@code /activity/sessions}, {@code /activity/locks}). */
    private final BackendInspector withoutFigures;

    private final @Nullable PublicKey anyUser;
    private final Map<String, PublicKey> byUser;
    private final Clock clock;
    private final Duration futureSkew;
    private final SignatureReplays replays;

    TemboardSignedApi(
            BackendInspector inspector,
            @Nullable PublicKey anyUser,
            Map<String, PublicKey> byUser,
            Clock clock,
            Duration futureSkew,
            int rememberedSignatures) {
        this.inspector = inspector;
        this.withoutFigures = inspector.withoutProcessStats();
        this.anyUser = anyUser;
        this.byUser = Map.copyOf(byUser);
        this.clock = clock;
        this.futureSkew = futureSkew;
        this.replays = new SignatureReplays(rememberedSignatures);
    }

    /** Whether the path is under {@code /activity}, which this API answers (404 for what it does not serve). */
    static boolean serves(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    void handle(HttpExchange exchange) throws IOException {
        Exchanges.respond(exchange, this::answer);
    }

    private static Answer error(int status, String message) {
        return new Answer(status, TemboardCodec.encodeError(message));
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String route = path.substring(PREFIX.length());
        String method = ROUTES.get(route);
        if (method == null) {
            return error(404, "Not found: '" + (route.isEmpty() ? "/" : route) + "'");
        }
        if (!method.equals(exchange.getRequestMethod())) {
            return error(405, "Method not allowed.");
        }
        byte[] body = new byte[0];
        if (method.equals("POST")) {
            Optional<byte[]> read = Exchanges.bodyBytes(exchange);
            if (read.isEmpty()) {
                return error(
                        Exchanges.TOO_LARGE,
                        "Request body too large (more than " + Exchanges.MAX_BODY_BYTES + " bytes).");
            }
            body = read.get();
        }
        Optional<Answer> refused = authenticate(exchange, method, body);
        if (refused.isPresent()) {
            return refused.get();
        }
        try {
            if (method.equals("POST")) {
                String json = new String(body, java.nio.charset.StandardCharsets.UTF_8);
                return route.equals("/kill")
                        ? TemboardApi.signal(json, inspector::terminate)
                        : TemboardApi.signal(json, inspector::cancel);
            }
            int limit;
            try {
                limit = limit(exchange.getRequestURI().getRawQuery());
            } catch (IllegalArgumentException e) {
                return error(406, "Parameter 'limit' is malformed.");
            }
            switch (route) {
                case "":
                case "/":
                    return Answer.ok(TemboardSessionsCodec.encodeActivity(first(inspector.activity(), limit).stream()
                            .map(TemboardRowsOut::activity)
                            .toList()));
                case "/waiting":
                    return Answer.ok(TemboardSessionsCodec.encodeWaiting(
                            TemboardRowsOut.waiting(first(inspector.waiting(), limit))));
                case "/blocking":
                    return Answer.ok(TemboardSessionsCodec.encodeBlocking(
                            TemboardRowsOut.blockingAnswer(first(inspector.blocking(), limit))));
                case "/sessions":
                    return Answer.ok(TemboardSessionsCodec.encodeSessions(
                            TemboardSignedRowsOut.sessions(first(withoutFigures.activity(), limit))));
                case "/locks":
                    return Answer.ok(TemboardSessionsCodec.encodeLocks(first(
                            TemboardSignedRowsOut.locks(withoutFigures.waiting(), withoutFigures.blocking()), limit)));
                default:
                    return error(404, "Not found: '" + route + "'");
            }
        } catch (ActivityException | IllegalArgumentException e) {
            return error(500, "Internal Server Error");
        }
    }

    /** The refusal of a request whose date, signature or user is not right; empty when it is authentic. */
    private Optional<Answer> authenticate(HttpExchange exchange, String method, byte[] body) {
        com.sun.net.httpserver.Headers h = exchange.getRequestHeaders();
        String date = h.getFirst(TemboardSignature.DATE);
        if (date == null || date.isEmpty()) {
            return Optional.of(error(400, "Missing X-TemBoard-Date header."));
        }
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(date, DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return Optional.of(error(400, "Malformed X-TemBoard-Date header."));
        }
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(TemboardSignature.MAX_AGE))) {
            return Optional.of(error(400, "Request older than 2 hours."));
        }
        if (signedAt.isAfter(now.plus(futureSkew))) {
            return Optional.of(error(400, "Request date is in the future."));
        }
        String header = h.getFirst(TemboardSignature.SIGNATURE);
        if (header == null || header.isEmpty()) {
            return Optional.of(error(400, "Missing X-TemBoard-Signature header."));
        }
        int colon = header.indexOf(':');
        String version = colon < 0 ? header : header.substring(0, colon);
        if (!version.equals("v1")) {
            return Optional.of(error(400, "Unsupported signature format"));
        }
        String signature = header.substring(colon + 1);
        if (signature.isEmpty()) {
            return Optional.of(error(400, "Malformed signature"));
        }
        Map<String, String> signed = new LinkedHashMap<>();
        for (String name : TemboardSignature.signedHeaders(method)) {
            List<String> values = h.get(name);
            if (values != null && !values.isEmpty()) {
                // As a WSGI server sees repeated headers: one value, joined by commas.
                signed.put(name, String.join(",", values));
            }
        }
        if (method.equals("POST") && !signed.containsKey("content-type")) {
            signed.put("content-type", "text/plain"); // what the real agent's WSGI server assumes
        }
        String query = exchange.getRequestURI().getRawQuery();
        String target = exchange.getRequestURI().getRawPath() + (query == null || query.isEmpty() ? "" : "?" + query);
        byte[] canonical;
        try {
            canonical = TemboardSignature.canonicalRequest(method, target, signed, body);
        } catch (IllegalArgumentException e) {
            return Optional.of(error(400, String.valueOf(e.getMessage())));
        }
        String user = h.getFirst(TemboardSignature.USER);
        PublicKey key = user == null ? null : byUser.get(user);
        if (key == null) {
            key = anyUser;
        }
        if (key == null || !TemboardSignature.verify(key, signature, canonical)) {
            return Optional.of(error(403, "Invalid signature"));
        }
        if (user == null || user.isEmpty()) {
            return Optional.of(error(400, "Missing username"));
        }
        if (method.equals("POST")) {
            switch (replays.remember(signature, signedAt.plus(TemboardSignature.MAX_AGE), now)) {
                case REPLAY:
                    return Optional.of(error(403, "Request already received."));
                case FULL:
                    return Optional.of(error(503, "Too many signed changes to remember; try again later."));
                default:
                    break;
            }
        }
        return Optional.empty();
    }

    /** The {@code limit} parameter of the query, {@value #DEFAULT_LIMIT} when absent. */
    private static int limit(@Nullable String query) {
        if (query == null || query.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        int limit = DEFAULT_LIMIT;
        for (String pair : query.split("&", -1)) {
            if (pair.startsWith("limit=")) {
                String v = pair.substring("limit=".length());
                if (v.isEmpty() || v.length() > 9 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    throw new IllegalArgumentException("limit: " + v);
                }
                limit = Integer.parseInt(v);
                if (limit < 1) {
                    throw new IllegalArgumentException("limit: " + v);
                }
            }
        }
        return limit;
    }

    private static <T> List<T> first(List<T> rows, int limit) {
        return rows.size() <= limit ? rows : rows.subList(0, limit);
    }

    /** For tests: the routes this API serves under {@code /activity}. */
    static Set<String> routes() {
        return ROUTES.keySet();
    }
}
