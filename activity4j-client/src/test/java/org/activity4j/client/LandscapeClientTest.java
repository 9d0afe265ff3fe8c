package org.activity4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.activity4j.client.wire.LandscapeParams;
import org.activity4j.client.wire.LandscapeSignature;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStatusChangeException;
import org.activity4j.core.BackendUnavailableException;
import org.activity4j.core.RemoteApiException;
import org.activity4j.core.RemoteAuthenticationException;
import org.activity4j.core.RemoteQueryException;
import org.activity4j.query.QueryCriteria;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a stub Landscape on 127.0.0.1 that checks every signature. */
class LandscapeClientTest {
    private static final String KEY_ID = "0GS7553JW74RRM612K02EXAMPLE";
    private static final String SECRET = "secretkeyEXAMPLE";
    private static final Instant NOW = Instant.parse("2011-08-18T08:07:00Z");

    /** A request as the stub received it, with whether its signature matched. */
    record Seen(String method, String path, String contentType, Map<String, String> params, boolean signed) {}

    /** What the stub answers: status and body. */
    record Answer(int status, String body) {}

    private final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    private @org.jspecify.annotations.Nullable HttpServer server;

    private URI start(Function<Map<String, String>, Answer> answers) throws IOException {
        return start("/api/", answers);
    }

    /** The stub at {@code path}; requests elsewhere get the server's 404. */
    private URI start(String path, Function<Map<String, String>, Answer> answers) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext(path, exchange -> handle(exchange, answers));
        s.start();
        server = s;
        return URI.create("http://127.0.0.1:" + s.getAddress().getPort() + path);
    }

    private void handle(HttpExchange exchange, Function<Map<String, String>, Answer> answers) throws IOException {
        String method = exchange.getRequestMethod();
        String text = method.equals("GET")
                ? exchange.getRequestURI().getRawQuery()
                : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> params = LandscapeParams.decode(text == null ? "" : text);
        String host = exchange.getRequestHeaders().getFirst("Host");
        boolean signed = LandscapeSignature.verify(
                        SECRET, method, host, exchange.getRequestURI().getRawPath(), params)
                && KEY_ID.equals(params.get("access_key_id"));
        seen.add(new Seen(
                method,
                exchange.getRequestURI().getRawPath(),
                String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")),
                params,
                signed));
        Answer a = signed
                ? answers.apply(params)
                : new Answer(401, "{\"error\": \"SignatureDoesNotMatch\", \"message\": \"bad signature\"}");
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(a.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @AfterEach
    void stop() {
        HttpServer s = server;
        if (s != null) {
            s.stop(0);
        }
    }

    private static LandscapeClient client(URI uri, String secret) {
        return LandscapeClient.builder(uri)
                .accessKey(KEY_ID, secret)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .retries(1, Duration.ofMillis(1))
                .build();
    }

    @Test
    void keepsTheEndpointsPathForReadsAndWritesAndSignsIt() throws IOException {
        URI uri = start(
                "/landscape/api/",
                p -> "GetActivities".equals(p.get("action"))
                        ? new Answer(200, Fixtures.LANDSCAPE_CHANGE_PACKAGES)
                        : new Answer(200, "[86]"));
        LandscapeClient client = client(uri, SECRET);

        List<Activity> page = client.getActivities(QueryCriteria.all(), 20, 0);
        List<Long> approved = client.approveActivities(QueryCriteria.parse("id:86"));

        assertThat(page).extracting(Activity::id).containsExactly(86L);
        assertThat(approved).containsExactly(86L);
        assertThat(seen)
                .extracting(Seen::method, Seen::path, Seen::signed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("GET", "/landscape/api/", true),
                        org.assertj.core.groups.Tuple.tuple("POST", "/landscape/api/", true));
    }

    @Test
    void everyCallAfterCloseFailsWithIllegalStateAndSendsNothing() throws IOException {
        URI uri = start(p -> new Answer(200, Fixtures.LANDSCAPE_CHANGE_PACKAGES));
        LandscapeClient client = client(uri, SECRET);
        client.close();

        List<org.assertj.core.api.ThrowableAssert.ThrowingCallable> calls = List.of(
                () -> client.getActivities(QueryCriteria.all(), 20, 0),
                client::getActivityTypes,
                () -> client.cancelActivities(QueryCriteria.parse("id:86")),
                () -> client.approveActivities(QueryCriteria.parse("id:86")),
                () -> client.getActivitiesAsync(QueryCriteria.all(), 20, 0).join());
        for (var call : calls) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
            Throwable cause = thrown instanceof java.util.concurrent.CompletionException ? thrown.getCause() : thrown;
            assertThat(cause)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("this LandscapeClient of " + uri + " is closed");
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void closingTwiceIsHarmlessAndWorksBeforeClose() throws IOException {
        URI uri = start(p -> new Answer(200, Fixtures.LANDSCAPE_CHANGE_PACKAGES));
        LandscapeClient client = client(uri, SECRET);
        List<Activity> page = client.getActivities(QueryCriteria.all(), 20, 0);

        client.close();
        client.close();

        assertThat(page).extracting(Activity::id).containsExactly(86L);
        assertThat(catchThrowableOfType(IllegalStateException.class, client::getActivityTypes))
                .hasMessageContaining("closed");
        assertThat(seen).hasSize(1);
    }

    @Test
    void getActivitiesIsASignedGetAndDecodesThePage() throws IOException {
        URI uri = start(p -> new Answer(200, Fixtures.LANDSCAPE_CHANGE_PACKAGES));
        List<Activity> page =
                client(uri, SECRET).getActivities(QueryCriteria.parse("status:succeeded computer:tag:laptop"), 20, 0);
        assertThat(page).extracting(Activity::id).containsExactly(86L);
        Seen s = seen.get(0);
        assertThat(s.method()).isEqualTo("GET");
        assertThat(s.signed()).isTrue();
        assertThat(s.params())
                .containsEntry("action", "GetActivities")
                .containsEntry("query", "status:succeeded computer:tag:laptop")
                .containsEntry("limit", "20")
                .containsEntry("offset", "0")
                .containsEntry("version", "2011-08-01")
                .containsEntry("signature_method", "HmacSHA256")
                .containsEntry("signature_version", "2")
                .containsEntry("timestamp", "2011-08-18T08:07:00Z");
    }

    @Test
    void cancelAndApproveAreSignedFormPostsAndReturnIdsAscending() throws IOException {
        URI uri = start(p -> new Answer(200, "[12, \"3\"]"));
        LandscapeClient client = client(uri, SECRET);
        assertThat(client.cancelActivities(QueryCriteria.parse("status:undelivered")))
                .containsExactly(3L, 12L);
        assertThat(client.approveActivities(QueryCriteria.parse("status:unapproved")))
                .containsExactly(3L, 12L);
        assertThat(seen).extracting(Seen::method).containsExactly("POST", "POST");
        assertThat(seen).allMatch(Seen::signed);
        assertThat(seen.get(0).contentType()).isEqualTo("application/x-www-form-urlencoded");
        assertThat(seen.get(0).params()).containsEntry("action", "CancelActivities");
        assertThat(seen.get(1).params()).containsEntry("action", "ApproveActivities");
    }

    @Test
    void getActivityTypesDecodesTheList() throws IOException {
        URI uri = start(p -> new Answer(200, "[\"RestartRequest\", \"ShutdownRequest\"]"));
        assertThat(client(uri, SECRET).getActivityTypes()).containsExactly("RestartRequest", "ShutdownRequest");
    }

    @Test
    void invalidActivityStatusChangeCarriesTheReasons() throws IOException {
        URI uri = start(
                p -> new Answer(
                        400,
                        "{\"error\": \"InvalidActivityStatusChangeError\", \"message\": \"12 => activity is delivered\\n3 => activity is canceled\"}"));
        ActivityStatusChangeException e = catchThrowableOfType(
                ActivityStatusChangeException.class,
                () -> client(uri, SECRET).cancelActivities(QueryCriteria.parse("id:3 OR id:12")));
        assertThat(e.reasons())
                .containsExactly(Map.entry(3L, "activity is canceled"), Map.entry(12L, "activity is delivered"));
        assertThat(e).hasCauseInstanceOf(RemoteApiException.class);
    }

    @Test
    void invalidQueryCarriesTheRemoteMessageAndTheQuery() throws IOException {
        URI uri = start(p -> new Answer(400, "{\"error\": \"InvalidQuery\", \"message\": \"unknown key 'foo'\"}"));
        RemoteQueryException e = catchThrowableOfType(
                RemoteQueryException.class,
                () -> client(uri, SECRET).getActivities(QueryCriteria.parse("status:failed")));
        assertThat(e.remoteMessage()).isEqualTo("unknown key 'foo'");
        assertThat(e.query()).isEqualTo("status:failed");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.code()).contains("InvalidQuery");
    }

    @Test
    void aWrongSecretIsAnAuthenticationError() throws IOException {
        URI uri = start(p -> new Answer(200, "[]"));
        RemoteAuthenticationException e = catchThrowableOfType(
                RemoteAuthenticationException.class, () -> client(uri, "wrong").getActivityTypes());
        assertThat(e.code()).contains("SignatureDoesNotMatch");
        assertThat(e.httpStatus()).isEqualTo(401);
    }

    @Test
    void everyAuthenticationCodeIsAnAuthenticationError() throws IOException {
        for (String code : List.of("Unauthorised", "AuthFailure", "InvalidCredentialsError", "SignatureDoesNotMatch")) {
            URI uri = start(p -> new Answer(403, "{\"error\": \"" + code + "\", \"message\": \"no\"}"));
            assertThat(catchThrowableOfType(
                            RemoteAuthenticationException.class,
                            () -> client(uri, SECRET).getActivityTypes()))
                    .as(code)
                    .isNotNull();
            stop();
        }
    }

    @Test
    void otherErrorsAreRemoteApiErrorsAndServerErrorsUnavailable() throws IOException {
        URI uri = start(p -> "GetActivityTypes".equals(p.get("action"))
                ? new Answer(400, "{\"error\": \"UnknownAction\", \"message\": \"what?\"}")
                : new Answer(500, "<html>oops</html>"));
        RemoteApiException e = catchThrowableOfType(
                RemoteApiException.class, () -> client(uri, SECRET).getActivityTypes());
        assertThat(e.code()).contains("UnknownAction");
        BackendUnavailableException down = catchThrowableOfType(
                BackendUnavailableException.class, () -> client(uri, SECRET).cancelActivities(QueryCriteria.all()));
        assertThat(down.getCause()).isInstanceOf(RemoteApiException.class);
        assertThat(((RemoteApiException) java.util.Objects.requireNonNull(down.getCause())).remoteMessage())
                .isEqualTo("<html>oops</html>");
    }

    @Test
    void refusesBadLimitsBeforeSendingAnything() {
        LandscapeClient client = LandscapeClient.builder(URI.create("http://127.0.0.1:9/api/"))
                .accessKey(KEY_ID, SECRET)
                .build();
        assertThat(catchThrowableOfType(
                        IllegalArgumentException.class, () -> client.getActivities(QueryCriteria.all(), -1, 0)))
                .hasMessageContaining("limit");
        assertThat(catchThrowableOfType(
                        IllegalArgumentException.class, () -> client.getActivities(QueryCriteria.all(), 1, -1)))
                .hasMessageContaining("offset");
    }

    @Test
    void refusesAnEndpointThatIsNotAnHttpUriWithAHost() {
        for (String bad :
                new String[] {"//example.com/api/", "ftp://example.com/api/", "api/", "HTTP://example.com/"}) {
            assertThat(catchThrowableOfType(
                            IllegalArgumentException.class, () -> LandscapeClient.builder(URI.create(bad))))
                    .as(bad)
                    .hasMessageContaining("expected an http or https URI")
                    .hasMessageContaining(bad);
        }
    }
}
