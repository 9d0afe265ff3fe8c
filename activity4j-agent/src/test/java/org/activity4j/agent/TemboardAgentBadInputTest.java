package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.activity4j.client.wire.TemboardActivityRow;
import org.activity4j.client.wire.TemboardCodec;
import org.activity4j.client.wire.TemboardLogin;
import org.activity4j.core.JsonValue;
import org.activity4j.core.SignalResult;
import org.activity4j.testkit.TestClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reference agent answers each bad-input case of docs/wire-formats.md (temBoard) with its status and body. */
class TemboardAgentBadInputTest {
    private static final String WELL_FORMED_UNKNOWN = "0".repeat(64);

    private final HttpClient http = HttpClient.newHttpClient();
    private final TestClock clock = TestClock.at("2024-05-01T10:00:00Z");
    private @Nullable ReferenceAgent agent;
    private URI base = URI.create("http://127.0.0.1/");

    @BeforeEach
    void startAgent() {
        ReferenceAgent a = ReferenceAgent.builder()
                .backendInspector(new FakeInspector())
                .user("alice", "s3cret-pass")
                .clock(clock)
                .start();
        agent = a;
        base = a.uri();
    }

    @AfterEach
    void stopAgent() {
        ReferenceAgent a = agent;
        if (a != null) {
            a.close();
        }
    }

    private record Answer(int status, String body, String contentType) {
        String error() {
            return TemboardCodec.decodeError(body);
        }
    }

    private Answer send(String method, String path, @Nullable String session, @Nullable String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        if (session != null) {
            b.header("X-Session", session);
        }
        b.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(
                r.statusCode(), r.body(), r.headers().firstValue("Content-type").orElse(""));
    }

    private String login() throws IOException, InterruptedException {
        Answer a = send("POST", "/login", null, TemboardCodec.encodeLogin(new TemboardLogin("alice", "s3cret-pass")));
        assertThat(a.status()).isEqualTo(200);
        return TemboardCodec.decodeSession(a.body());
    }

    @Test
    void unknownRoutesTrailingSlashesAndWrongMethodsAreNotFoundEvenWithoutSession() throws Exception {
        for (Answer a : List.of(
                send("GET", "/nothing", null, null),
                send("GET", "/activity/", null, null),
                send("POST", "/activity", null, "{}"),
                send("GET", "/login", null, null),
                send("GET", "/activity/activity/kill", null, null))) {
            assertThat(a.status()).isEqualTo(404);
            assertThat(a.error()).isEqualTo("URL not found.");
            assertThat(a.contentType()).isEqualTo("application/json");
        }
    }

    @Test
    void aPostWithoutBodyIsRefusedBeforeTheSessionIsChecked() throws Exception {
        Answer kill = send("POST", "/activity/kill", null, null);
        Answer login = send("POST", "/login", null, null);

        assertThat(kill.status()).isEqualTo(400);
        assertThat(kill.error()).isEqualTo("Unable to read post data");
        assertThat(login.status()).isEqualTo(400);
        assertThat(login.error()).isEqualTo("Unable to read post data");
    }

    @Test
    void malformedSessionsAre406() throws Exception {
        for (String session : List.of("", "A".repeat(64), "a".repeat(63), "a".repeat(65), "g".repeat(64))) {
            Answer a = send("GET", "/activity", session, null);
            assertThat(a.status()).as("X-Session '%s'", session).isEqualTo(406);
            assertThat(a.error()).isEqualTo("Parameter 'X-Session' is malformed.");
        }
        Answer missing = send("GET", "/profile", null, null);
        assertThat(missing.status()).isEqualTo(406);
        assertThat(missing.error()).isEqualTo("Parameter 'X-Session' is malformed.");
    }

    @Test
    void unknownSessionsAre401() throws Exception {
        Answer a = send("GET", "/activity", WELL_FORMED_UNKNOWN, null);

        assertThat(a.status()).isEqualTo(401);
        assertThat(a.error()).isEqualTo("Invalid session.");
    }

    @Test
    void theSessionIsCheckedBeforeTheJson() throws Exception {
        Answer a = send("POST", "/activity/kill", WELL_FORMED_UNKNOWN, "{not json");

        assertThat(a.status()).isEqualTo(401);
    }

    @Test
    void sessionsExpireAfterAnHourWithoutUse() throws Exception {
        String session = login();
        clock.advance(Duration.ofSeconds(3599));
        assertThat(send("GET", "/profile", session, null).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(3599));
        assertThat(send("GET", "/profile", session, null).status()).isEqualTo(200);
        clock.advance(Duration.ofSeconds(3601));

        Answer expired = send("GET", "/profile", session, null);

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.error()).isEqualTo("Invalid session.");
    }

    @Test
    void loginChecksJsonThenUsernameThenPassword() throws Exception {
        Answer badJson = send("POST", "/login", null, "{\"username\": ");
        Answer badUser = send("POST", "/login", null, "{\"username\": \"Al\", \"password\": \"x\"}");
        Answer badPassword = send("POST", "/login", null, "{\"username\": \"alice\", \"password\": \"1234\"}");
        Answer numberUser = send("POST", "/login", null, "{\"username\": 12345, \"password\": \"12345\"}");
        Answer noUser = send("POST", "/login", null, "{\"password\": \"12345\"}");

        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.error()).isEqualTo("Invalid json format");
        assertThat(badUser.status()).isEqualTo(406);
        assertThat(badUser.error()).isEqualTo("Parameter 'username' is malformed.");
        assertThat(badPassword.status()).isEqualTo(406);
        assertThat(badPassword.error()).isEqualTo("Parameter 'password' is malformed.");
        assertThat(numberUser.error()).isEqualTo("Parameter 'username' is malformed.");
        assertThat(noUser.status()).isEqualTo(406);
        assertThat(noUser.error()).isEqualTo("Parameter 'username' not sent.");
    }

    @Test
    void wrongPasswordsAndUnknownUsersAreTheSame404() throws Exception {
        Answer wrong =
                send("POST", "/login", null, TemboardCodec.encodeLogin(new TemboardLogin("alice", "wrong-pass")));
        Answer unknown =
                send("POST", "/login", null, TemboardCodec.encodeLogin(new TemboardLogin("bob12", "s3cret-pass")));

        assertThat(wrong.status()).isEqualTo(404);
        assertThat(wrong.error()).isEqualTo("Invalid username/password.");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo(wrong.body());
    }

    @Test
    void loginProfileAndLogoutRoundTrip() throws Exception {
        String session = login();

        Answer profile = send("GET", "/profile", session, null);
        Answer logout = send("GET", "/logout", session, null);
        Answer after = send("GET", "/profile", session, null);

        assertThat(session).matches("[0-9a-f]{64}");
        assertThat(TemboardCodec.decodeProfile(profile.body())).isEqualTo("alice");
        assertThat(TemboardCodec.decodeLogout(logout.body())).isTrue();
        assertThat(after.status()).isEqualTo(401);
    }

    @Test
    void sessionsDiffer() throws Exception {
        assertThat(login()).isNotEqualTo(login());
    }

    @Test
    void activityListsNeverQueriedSessionsWithAnUnknownDuration() throws Exception {
        Answer a = send("GET", "/activity", login(), null);

        List<TemboardActivityRow> rows = TemboardCodec.decodeActivity(a.body());
        assertThat(rows).extracting(TemboardActivityRow::pid).containsExactly(100, 101);
        assertThat(rows.get(0).durationSeconds()).isEqualTo(12.35);
        assertThat(rows.get(0).extensions()).containsKeys("backend_start", "query_start");
        assertThat(rows.get(0).extensions()).doesNotContainKey("duration_unknown");
        assertThat(rows.get(1).durationSeconds()).isZero();
        assertThat(rows.get(1).extensions()).containsEntry("duration_unknown", JsonValue.of(true));
        assertThat(rows.get(1).extensions()).containsEntry("query_start", JsonValue.nullValue());
        assertThat(a.body()).contains("\"duration\":12.35,");
    }

    @Test
    void killChecksPidsStrictly() throws Exception {
        String session = login();
        Answer badJson = send("POST", "/activity/kill", session, "{\"pids\": [");
        Answer missing = send("POST", "/activity/kill", session, "{}");
        Answer notAList = send("POST", "/activity/kill", session, "{\"pids\": 100}");

        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.error()).isEqualTo("Invalid json format");
        assertThat(missing.status()).isEqualTo(406);
        assertThat(missing.error()).isEqualTo("Parameter 'pids' not sent.");
        assertThat(notAList.status()).isEqualTo(406);
        assertThat(notAList.error()).isEqualTo("Parameter 'pids' is malformed.");
        for (String element : List.of("\"1\"", "true", "1.0", "null", "0", "-1")) {
            Answer a = send("POST", "/activity/kill", session, "{\"pids\": [100, " + element + "]}");
            assertThat(a.status()).as("pids element %s", element).isEqualTo(406);
            assertThat(a.error()).isEqualTo("Parameter 'pids' is malformed.");
        }
    }

    @Test
    void killOfMoreThanTheCapIsRefusedWithTheCountAndTheCapAndAtTheCapIsServed() throws Exception {
        String session = login();
        String over = "{\"pids\": [" + "1,".repeat(ReferenceAgent.MAX_SIGNAL_PIDS) + "1]}";
        String at = "{\"pids\": [" + "1,".repeat(ReferenceAgent.MAX_SIGNAL_PIDS - 1) + "1]}";

        Answer refused = send("POST", "/activity/kill", session, over);
        Answer cancelRefused = send("POST", "/activity/cancel", session, over);
        Answer served = send("POST", "/activity/kill", session, at);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).contains("262144").contains("262143");
        assertThat(cancelRefused.status()).isEqualTo(400);
        assertThat(cancelRefused.error()).contains("262144").contains("262143");
        assertThat(served.status()).isEqualTo(200);
    }

    @Test
    void killOfNothingIsAnEmptyList() throws Exception {
        Answer a = send("POST", "/activity/kill", login(), "{\"pids\": []}");

        assertThat(a.status()).isEqualTo(200);
        assertThat(TemboardCodec.decodeKillResponse(a.body())).isEmpty();
    }

    @Test
    void aRefusedPidIsNotKilledWhileTheOthersProceedInRequestOrder() throws Exception {
        Answer a = send(
                "POST", "/activity/kill", login(), "{\"pids\": [101, " + FakeInspector.SUPERUSER_PID + ", 999, 100]}");

        assertThat(a.status()).isEqualTo(200);
        assertThat(TemboardCodec.decodeKillResponse(a.body()))
                .extracting(SignalResult::pid, SignalResult::signalled)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(101, true),
                        org.assertj.core.groups.Tuple.tuple(FakeInspector.SUPERUSER_PID, false),
                        org.assertj.core.groups.Tuple.tuple(999, false),
                        org.assertj.core.groups.Tuple.tuple(100, true));
    }

    @Test
    void cancelIsServedWithTheKillShape() throws Exception {
        Answer a = send("POST", "/activity/cancel", login(), "{\"pids\": [100]}");

        assertThat(TemboardCodec.decodeKillResponse(a.body()))
                .extracting(SignalResult::signalled)
                .containsExactly(true);
    }
}
