package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.activity4j.client.LandscapeClient;
import org.activity4j.client.wire.LandscapeCodec;
import org.activity4j.client.wire.LandscapeError;
import org.activity4j.client.wire.LandscapeParams;
import org.activity4j.client.wire.LandscapeSignature;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.query.ActivityStatus;
import org.activity4j.query.QueryCriteria;
import org.activity4j.testkit.TestClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent refuses a signed change sent again within the signature window, and remembers a bounded number. */
class LandscapeReplayTest {
    private static final String KEY = "0GS7553JW74RRM612K02EXAMPLE";
    private static final String SECRET = "secretkeyEXAMPLE";

    private final HttpClient http = HttpClient.newHttpClient();
    private final TestClock clock = TestClock.at("2024-05-01T10:00:00Z");
    private final ActivityStore store = ActivityStores.inMemory(clock);
    private @Nullable ReferenceAgent agent;

    private URI start(int rememberedSignatures) {
        store.registerPerson(new Person(5, "Jane Doe", "jane@example.com"));
        ReferenceAgent a = ReferenceAgent.builder()
                .clock(clock)
                .activityStore(store)
                .accessKey(KEY, SECRET, ActivityStores.DEFAULT_ACCOUNT)
                .signatureWindow(Duration.ofMinutes(15))
                .rememberedSignatures(rememberedSignatures)
                .start();
        agent = a;
        return a.landscapeUri();
    }

    @AfterEach
    void stopAgent() {
        ReferenceAgent a = agent;
        if (a != null) {
            a.close();
        }
    }

    private record Answer(int status, LandscapeError error, String body) {}

    private Map<String, String> signed(URI endpoint, String verb, String action, String query) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("action", action);
        p.put("query", query);
        p.put("version", "2011-08-01");
        return LandscapeSignature.of(KEY, SECRET).sign(verb, endpoint, p, clock.instant());
    }

    private Answer post(URI endpoint, Map<String, String> params) throws IOException, InterruptedException {
        return answer(http.send(
                HttpRequest.newBuilder(endpoint)
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(LandscapeParams.encode(params)))
                        .build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private Answer get(URI endpoint, Map<String, String> params) throws IOException, InterruptedException {
        return answer(http.send(
                HttpRequest.newBuilder(URI.create(endpoint + "?" + LandscapeParams.encode(params)))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    private static Answer answer(HttpResponse<String> r) {
        LandscapeError error =
                r.statusCode() == 200 ? new LandscapeError("", "") : LandscapeCodec.decodeError(r.body());
        return new Answer(r.statusCode(), error, r.body());
    }

    private Activity unapproved() {
        return store.createActivity(
                NewActivity.builder("RestartRequest", 5).requiresApproval(true).build());
    }

    @Test
    void aReplayedApproveIsRefusedAndApprovesNothingCreatedSince() throws Exception {
        URI endpoint = start(100_000);
        Activity first = unapproved();
        Map<String, String> approve = signed(endpoint, "POST", "ApproveActivities", "status:unapproved");
        assertThat(post(endpoint, approve).status()).isEqualTo(200);
        clock.advance(Duration.ofMillis(1500));
        Activity later = unapproved();

        Answer replay = post(endpoint, approve);

        assertThat(replay.status()).isEqualTo(401);
        assertThat(replay.error().code()).isEqualTo(LandscapeError.AUTH_FAILURE);
        assertThat(replay.error().message()).contains("replay");
        assertThat(store.activity(first.id()).orElseThrow().status()).isEqualTo(ActivityStatus.UNDELIVERED);
        assertThat(store.activity(later.id()).orElseThrow().status()).isEqualTo(ActivityStatus.UNAPPROVED);
    }

    @Test
    void aReplayedCancelSentAsGetIsRefusedToo() throws Exception {
        URI endpoint = start(100_000);
        unapproved();
        Map<String, String> cancel = signed(endpoint, "GET", "CancelActivities", "status:unapproved");
        assertThat(get(endpoint, cancel).status()).isEqualTo(200);
        Activity later = unapproved();

        assertThat(get(endpoint, cancel).status()).isEqualTo(401);
        assertThat(store.activity(later.id()).orElseThrow().status()).isEqualTo(ActivityStatus.UNAPPROVED);
    }

    @Test
    void readsMayBeSentAgain() throws Exception {
        URI endpoint = start(100_000);
        Map<String, String> read = signed(endpoint, "GET", "GetActivities", "");

        assertThat(get(endpoint, read).status()).isEqualTo(200);
        assertThat(get(endpoint, read).status()).isEqualTo(200);
    }

    @Test
    void aFullMemoryRefusesNewChangesWith503UntilOldOnesExpire() throws Exception {
        URI endpoint = start(2);
        assertThat(post(endpoint, signed(endpoint, "POST", "CancelActivities", "id:1"))
                        .status())
                .isEqualTo(200);
        assertThat(post(endpoint, signed(endpoint, "POST", "CancelActivities", "id:2"))
                        .status())
                .isEqualTo(200);

        Answer full = post(endpoint, signed(endpoint, "POST", "CancelActivities", "id:3"));
        assertThat(full.status()).isEqualTo(503);
        assertThat(full.error().message()).contains("replays");

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(post(endpoint, signed(endpoint, "POST", "CancelActivities", "id:3"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aForgedSignatureIsNotRemembered() throws Exception {
        URI endpoint = start(1);
        Map<String, String> forged = signed(endpoint, "POST", "CancelActivities", "id:1");
        forged.put(
                LandscapeSignature.SIGNATURE,
                "AAAA"
                        + java.util.Objects.requireNonNull(forged.get(LandscapeSignature.SIGNATURE))
                                .substring(4));
        assertThat(post(endpoint, forged).status()).isEqualTo(403);

        assertThat(post(endpoint, signed(endpoint, "POST", "CancelActivities", "id:1"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void theClientSignsIdenticalChangesInOneSecondWithDistinctTimestamps() {
        URI endpoint = start(100_000);
        List<Activity> waiting = List.of(unapproved(), unapproved(), unapproved());
        try (LandscapeClient client = LandscapeClient.builder(endpoint)
                .accessKey(KEY, SECRET)
                .clock(clock)
                .build()) {
            QueryCriteria query = QueryCriteria.parse("status:unapproved");
            assertThat(client.approveActivities(query)).hasSize(3);
            assertThat(client.approveActivities(query)).isEmpty();
            assertThat(client.approveActivities(query)).isEmpty();
        }
        assertThat(waiting)
                .allSatisfy(a -> assertThat(store.activity(a.id()).orElseThrow().status())
                        .isEqualTo(ActivityStatus.UNDELIVERED));
        assertThat(clock.instant()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    }
}
