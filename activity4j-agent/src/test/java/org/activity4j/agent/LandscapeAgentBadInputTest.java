package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.activity4j.client.wire.LandscapeCodec;
import org.activity4j.client.wire.LandscapeError;
import org.activity4j.client.wire.LandscapeParams;
import org.activity4j.client.wire.LandscapeSignature;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.testkit.TestClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reference agent answers bad Landscape requests with the status and error body of docs/wire-formats.md. */
class LandscapeAgentBadInputTest {
    private static final String KEY = "0GS7553JW74RRM612K02EXAMPLE";
    private static final String SECRET = "secretkeyEXAMPLE";

    private final HttpClient http = HttpClient.newHttpClient();
    private final TestClock clock = TestClock.at("2024-05-01T10:00:00Z");
    private final ActivityStore store = ActivityStores.inMemory(clock);
    private @Nullable ReferenceAgent agent;
    private URI endpoint = URI.create("http://127.0.0.1/api/");

    @BeforeEach
    void startAgent() {
        store.registerPerson(new Person(5, "Jane Doe", "jane@example.com"));
        ReferenceAgent a = ReferenceAgent.builder()
                .clock(clock)
                .activityStore(store)
                .accessKey(KEY, SECRET, ActivityStores.DEFAULT_ACCOUNT)
                .start();
        agent = a;
        endpoint = a.landscapeUri();
    }

    @AfterEach
    void stopAgent() {
        ReferenceAgent a = agent;
        if (a != null) {
            a.close();
        }
    }

    private record Answer(int status, LandscapeError error, String body) {}

    private Map<String, String> params(String action) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("action", action);
        p.put("version", "2011-08-01");
        return p;
    }

    private Map<String, String> signed(String verb, Map<String, String> params, String secret) {
        return LandscapeSignature.of(KEY, secret).sign(verb, endpoint, params, clock.instant());
    }

    private Answer get(Map<String, String> params) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "?" + LandscapeParams.encode(params)))
                .timeout(Duration.ofSeconds(10))
                .build();
        return answer(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private Answer post(Map<String, String> params) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(LandscapeParams.encode(params)))
                .build();
        return answer(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private static Answer answer(HttpResponse<String> r) {
        LandscapeError error =
                r.statusCode() == 200 ? new LandscapeError("", "") : LandscapeCodec.decodeError(r.body());
        return new Answer(r.statusCode(), error, r.body());
    }

    @Test
    void aSignedGetAndASignedPostBothWork() throws Exception {
        Answer get = get(signed("GET", params("GetActivityTypes"), SECRET));
        Answer post = post(signed("POST", params("GetActivityTypes"), SECRET));

        assertThat(get.status()).isEqualTo(200);
        assertThat(LandscapeCodec.decodeActivityTypes(get.body())).contains("RestartRequest");
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.body()).isEqualTo(get.body());
    }

    @Test
    void aRequestWithoutAccessKeyIsAuthFailure() throws Exception {
        Answer a = get(params("GetActivityTypes"));

        assertThat(a.status()).isEqualTo(401);
        assertThat(a.error().code()).isEqualTo(LandscapeError.AUTH_FAILURE);
    }

    @Test
    void anUnknownAccessKeyIsInvalidCredentials() throws Exception {
        Map<String, String> p = LandscapeSignature.of("NOSUCHKEY", SECRET)
                .sign("GET", endpoint, params("GetActivityTypes"), clock.instant());

        Answer a = get(p);

        assertThat(a.status()).isEqualTo(401);
        assertThat(a.error().code()).isEqualTo(LandscapeError.INVALID_CREDENTIALS);
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatch() throws Exception {
        Answer a = get(signed("GET", params("GetActivityTypes"), "not-the-secret"));

        assertThat(a.status()).isEqualTo(403);
        assertThat(a.error().code()).isEqualTo(LandscapeError.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void aSignatureForAnotherVerbOrParameterDoesNotMatch() throws Exception {
        Map<String, String> forPost = signed("POST", params("GetActivityTypes"), SECRET);
        Map<String, String> changed = signed("GET", params("GetActivities"), SECRET);
        changed.put("limit", "5");

        assertThat(get(forPost).error().code()).isEqualTo(LandscapeError.SIGNATURE_DOES_NOT_MATCH);
        assertThat(get(changed).error().code()).isEqualTo(LandscapeError.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void aTimestampOutsideTheWindowIsAuthFailure() throws Exception {
        Map<String, String> old = signed("GET", params("GetActivityTypes"), SECRET);
        clock.advance(Duration.ofMinutes(16));

        Answer a = get(old);

        assertThat(a.status()).isEqualTo(401);
        assertThat(a.error().code()).isEqualTo(LandscapeError.AUTH_FAILURE);
        assertThat(a.error().message()).contains("timestamp");
    }

    @Test
    void aBadQueryIsInvalidQuery() throws Exception {
        Map<String, String> p = params("GetActivities");
        p.put("query", "status:sleeping");

        Answer a = get(signed("GET", p, SECRET));

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.error().code()).isEqualTo(LandscapeError.INVALID_QUERY);
        assertThat(a.error().message()).contains("sleeping");
    }

    @Test
    void aRefusedCancelIsInvalidActivityStatusChangeWithIdLines() throws Exception {
        Activity delivered =
                store.createActivity(NewActivity.builder("RestartRequest", 5).build());
        store.markDelivered(delivered.id());
        Map<String, String> p = params("CancelActivities");
        p.put("query", "id:" + delivered.id());

        Answer a = post(signed("POST", p, SECRET));

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.error().code()).isEqualTo(LandscapeError.INVALID_ACTIVITY_STATUS_CHANGE);
        assertThat(a.error().message()).isEqualTo(delivered.id() + " => cannot be canceled: it is delivered");
    }

    @Test
    void anUnknownActionOrVersionIsRefused() throws Exception {
        Map<String, String> oldVersion = params("GetActivityTypes");
        oldVersion.put("version", "2009-01-01");

        Answer action = get(signed("GET", params("GetComputers"), SECRET));
        Answer version = get(signed("GET", oldVersion, SECRET));

        assertThat(action.status()).isEqualTo(400);
        assertThat(action.error().message()).contains("GetComputers");
        assertThat(version.status()).isEqualTo(400);
        assertThat(version.error().message()).contains("2009-01-01");
    }

    @Test
    void aBadLimitIsRefused() throws Exception {
        Map<String, String> p = params("GetActivities");
        p.put("limit", "many");

        Answer a = get(signed("GET", p, SECRET));

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.error().message()).contains("many");
    }

    @Test
    void numbersAreAsciiDigitsOnly() throws Exception {
        for (String bad : new String[] {"+5", "\u0663", "-1", " 5", "5 ", "0x10", "1234567890"}) {
            Map<String, String> p = params("GetActivities");
            p.put("limit", bad);

            Answer a = get(signed("GET", p, SECRET));

            assertThat(a.status()).as(bad).isEqualTo(400);
            assertThat(a.error().code()).as(bad).isEqualTo("InvalidParameter");
            assertThat(a.error().message()).as(bad).contains("'" + bad + "'");
        }
        Map<String, String> good = params("GetActivities");
        good.put("limit", "05");
        assertThat(get(signed("GET", good, SECRET)).status()).isEqualTo(200);
    }

    @Test
    void aCancelOrApproveWithoutQueryIsRefusedAndChangesNothing() throws Exception {
        Activity waiting = store.createActivity(
                NewActivity.builder("RestartRequest", 5).requiresApproval(true).build());

        Answer cancel = post(signed("POST", params("CancelActivities"), SECRET));
        Answer approve = get(signed("GET", params("ApproveActivities"), SECRET));

        assertThat(cancel.status()).isEqualTo(400);
        assertThat(cancel.error().code()).isEqualTo("MissingParameter");
        assertThat(cancel.error().message()).contains("CancelActivities").contains("'query'");
        assertThat(approve.status()).isEqualTo(400);
        assertThat(approve.error().code()).isEqualTo("MissingParameter");
        assertThat(store.activity(waiting.id()).orElseThrow().status()).isEqualTo(waiting.status());
    }

    @Test
    void anExplicitQueryThatMatchesEverythingIsAllowed() throws Exception {
        Activity waiting = store.createActivity(
                NewActivity.builder("RestartRequest", 5).requiresApproval(true).build());
        Map<String, String> p = params("ApproveActivities");
        p.put("query", "");

        Answer a = post(signed("POST", p, SECRET));

        assertThat(a.status()).isEqualTo(200);
        assertThat(LandscapeCodec.decodeIds(a.body())).containsExactly(waiting.id());
    }

    @Test
    void aTimestampAheadOfTheClockIsAcceptedOnlyWithinTheSkew() throws Exception {
        Map<String, String> soon = LandscapeSignature.of(KEY, SECRET)
                .sign(
                        "GET",
                        endpoint,
                        params("GetActivityTypes"),
                        clock.instant().plus(Duration.ofMinutes(1)));
        Map<String, String> later = LandscapeSignature.of(KEY, SECRET)
                .sign(
                        "GET",
                        endpoint,
                        params("GetActivityTypes"),
                        clock.instant().plus(Duration.ofMinutes(10)));

        assertThat(get(soon).status()).isEqualTo(200);
        Answer a = get(later);
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.error().code()).isEqualTo(LandscapeError.AUTH_FAILURE);
        assertThat(a.error().message()).contains("timestamp").contains("120 s after");
    }
}
