package org.activity4j.agent;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.activity4j.client.wire.TemboardCodec;
import org.activity4j.client.wire.TemboardLogin;
import org.activity4j.core.ActivityException;
import org.activity4j.core.BackendInspector;
import org.activity4j.core.JsonValue;
import org.activity4j.core.SignalResult;
import org.activity4j.core.WireFormatException;

/**
 * temBoard's old activity API ({@code X-Session}) over a {@link BackendInspector}, plus {@code POST
 * /activity/cancel}. Checks in the real agent's order: route, body, session, JSON, handler. Fixes the real
 * agent's bugs listed in docs/wire-formats.md: a pids value that is not a list is 406, a refused pid is {@code killed:
 * false} while the others proceed, and the rows come from the inspector (never-queried sessions listed,
 * blocking from {@code pg_blocking_pids()}). Thread-safe.
 */
final class TemboardApi {
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9]{3,16}");
    private static final Pattern PASSWORD = Pattern.compile(".{5,32}", Pattern.DOTALL);

    private static final Map<String, String> ROUTES = Map.of(
            "/login", "POST",
            "/logout", "GET",
            "/profile", "GET",
            "/activity", "GET",
            "/activity/waiting", "GET",
            "/activity/blocking", "GET",
            "/activity/kill", "POST",
            "/activity/cancel", "POST");

    private static final Set<String> WITHOUT_SESSION = Set.of("/login");

    private final BackendInspector inspector;
    private final Users users;
    private final Sessions sessions;
    private final Duration loginDelay;
    private final Sleeper sleeper;
    private final LoginThrottle throttle;

    TemboardApi(
            BackendInspector inspector,
            Users users,
            Sessions sessions,
            Duration loginDelay,
            Sleeper sleeper,
            LoginThrottle throttle) {
        this.inspector = inspector;
        this.users = users;
        this.sessions = sessions;
        this.loginDelay = loginDelay;
        this.sleeper = sleeper;
        this.throttle = throttle;
    }

    /** Whether the path is one of this API's routes (with any method). */
    static boolean serves(String path) {
        return ROUTES.containsKey(path);
    }

    /** The error body every unknown route gets. */
    static void notFound(HttpExchange exchange) throws IOException {
        Exchanges.respond(exchange, e -> error(404, "URL not found."));
    }

    void handle(HttpExchange exchange) throws IOException {
        Exchanges.respond(exchange, this::answer);
    }

    private static Answer error(int status, String message) {
        return new Answer(status, TemboardCodec.encodeError(message));
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = ROUTES.get(path);
        if (method == null || !method.equals(exchange.getRequestMethod())) {
            return error(404, "URL not found.");
        }
        String body = "";
        if (method.equals("POST")) {
            Optional<String> read = Exchanges.body(exchange);
            if (read.isEmpty()) {
                return error(
                        Exchanges.TOO_LARGE,
                        "Request body too large (more than " + Exchanges.MAX_BODY_BYTES + " bytes).");
            }
            if (read.get().isEmpty()) {
                return error(400, "Unable to read post data");
            }
            body = read.get();
        }
        String username = "";
        if (!WITHOUT_SESSION.contains(path)) {
            String session = exchange.getRequestHeaders().getFirst("X-Session");
            if (session == null || !TemboardCodec.isSession(session)) {
                return error(406, "Parameter 'X-Session' is malformed.");
            }
            Optional<String> user = sessions.use(session);
            if (user.isEmpty()) {
                return error(401, "Invalid session.");
            }
            username = user.get();
            if (path.equals("/logout")) {
                sessions.close(session);
                return Answer.ok(TemboardCodec.encodeLogout());
            }
        }
        JsonValue json = JsonValue.nullValue();
        if (method.equals("POST")) {
            try {
                json = JsonValue.parse(body);
            } catch (IllegalArgumentException e) {
                return error(400, "Invalid json format");
            }
        }
        try {
            switch (path) {
                case "/login":
                    return login(json, clientAddress(exchange));
                case "/profile":
                    return Answer.ok(TemboardCodec.encodeProfile(username));
                case "/activity":
                    return Answer.ok(TemboardCodec.encodeActivity(inspector.activity().stream()
                            .map(TemboardRowsOut::activity)
                            .toList()));
                case "/activity/waiting":
                    return Answer.ok(TemboardCodec.encodeLocks(TemboardRowsOut.waiting(inspector.waiting())));
                case "/activity/blocking":
                    return Answer.ok(
                            TemboardCodec.encodeBlocking(TemboardRowsOut.blockingAnswer(inspector.blocking())));
                case "/activity/kill":
                    return signal(body, inspector::terminate);
                case "/activity/cancel":
                    return signal(body, inspector::cancel);
                default:
                    return error(404, "URL not found.");
            }
        } catch (ActivityException | IllegalArgumentException e) {
            return error(500, "Internal error: " + e.getMessage());
        }
    }

    static String clientAddress(HttpExchange exchange) {
        InetSocketAddress remote = exchange.getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
    }

    private Answer login(JsonValue json, String address) {
        if (!loginDelay.isZero()) {
            try {
                sleeper.sleep(loginDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return error(500, "Interrupted.");
            }
        }
        Map<String, JsonValue> members = json instanceof JsonValue.JsonObject o ? o.members() : Map.of();
        for (String name : List.of("username", "password")) {
            JsonValue v = members.get(name);
            if (v == null) {
                return error(406, "Parameter '" + name + "' not sent.");
            }
            Pattern rule = name.equals("username") ? USERNAME : PASSWORD;
            if (!(v instanceof JsonValue.JsonString s)
                    || !rule.matcher(s.value()).matches()) {
                return error(406, "Parameter '" + name + "' is malformed.");
            }
        }
        TemboardLogin login = TemboardCodec.decodeLogin(json.toJson());
        if (throttle.lockedOut(login.username(), address)) {
            // Answered as a wrong password, without checking it: a guesser learns nothing.
            return error(404, "Invalid username/password.");
        }
        if (!users.check(login.username(), login.password())) {
            throttle.failed(login.username(), address);
            return error(404, "Invalid username/password.");
        }
        throttle.succeeded(login.username(), address);
        return Answer.ok(TemboardCodec.encodeSession(sessions.open(login.username())));
    }

    static Answer signal(String body, Function<List<Integer>, List<SignalResult>> send) {
        List<Integer> pids;
        try {
            pids = TemboardCodec.decodeKillRequest(body);
        } catch (WireFormatException e) {
            return error(406, "Parameter 'pids' " + (e.isMissing() ? "not sent." : "is malformed."));
        }
        if (pids.size() > ReferenceAgent.MAX_SIGNAL_PIDS) {
            return error(
                    400,
                    "Too many pids: " + pids.size() + " (at most " + ReferenceAgent.MAX_SIGNAL_PIDS
                            + " per request, the most backends a PostgreSQL server can have).");
        }
        if (pids.stream().anyMatch(p -> p <= 0)) {
            // A pid is positive; the real agent passes 0 or -1 on to PostgreSQL, which answers false.
            return error(406, "Parameter 'pids' is malformed.");
        }
        List<SignalResult> results = pids.isEmpty() ? List.of() : send.apply(pids);
        return Answer.ok(TemboardCodec.encodeKillResponse(results));
    }
}
