package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.activity4j.client.LandscapeClient;
import org.activity4j.client.wire.LandscapeActivity;
import org.activity4j.client.wire.LandscapeActivityPage;
import org.activity4j.client.wire.LandscapeCodec;
import org.activity4j.client.wire.LandscapeError;
import org.activity4j.client.wire.LandscapeLogin;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.core.RemoteAuthenticationException;
import org.activity4j.query.ActivityStatus;
import org.activity4j.query.QueryCriteria;
import org.activity4j.testkit.TestClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** JWT logins and the REST activities of the agent, through {@link LandscapeClient} and raw requests. */
class LandscapeJwtTest {
    private static final String KEY = "3AS5YX98J8QI9AZ8OS0V";
    private static final String SECRET = "avlhg23w9HyOWOA1FMzHmrBaB8a97zafzJOApfF2";

    private final TestClock clock = TestClock.at("2024-05-01T10:00:00Z");
    private final ActivityStore store = ActivityStores.inMemory(clock);
    private final HttpClient http = HttpClient.newHttpClient();
    private @Nullable ReferenceAgent agent;
    private URI endpoint = URI.create("http://127.0.0.1/api/");
    private long parent;
    private long child;

    @BeforeEach
    void startAgent() {
        store.registerPerson(new Person(5, "Jane Doe", "jane@example.com"));
        parent = store.createActivity(
                        NewActivity.builder("ActivityGroup", 5).summary("Group").build())
                .id();
        clock.advance(Duration.ofSeconds(1));
        child = store.createActivity(NewActivity.builder("RestartRequest", 5)
                        .parentId(parent)
                        .summary("Restart")
                        .requiresApproval(true)
                        .build())
                .id();
        ReferenceAgent a = ReferenceAgent.builder()
                .clock(clock)
                .activityStore(store)
                .accessKey(KEY, SECRET, ActivityStores.DEFAULT_ACCOUNT)
                .landscapeUser("jane@example.com", "jane-pwd", ActivityStores.DEFAULT_ACCOUNT)
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

    private HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(endpoint.resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery, String token) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(endpoint.resolve(pathAndQuery))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String accessKeyToken(int minutes) throws IOException, InterruptedException {
        HttpResponse<String> r = post(
                "v2/login/access-key",
                new LandscapeLogin.AccessKey(KEY, SECRET, java.util.OptionalInt.of(minutes)).toJson());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return LandscapeLogin.decodeResult(r.body()).token();
    }

    @Test
    void aLegacyCallWithABearerTokenNeedsOnlyActionAndVersion() throws Exception {
        String token = accessKeyToken(60);

        HttpResponse<String> r = get("?action=GetActivityTypes&version=2011-08-01", token);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(LandscapeCodec.decodeActivityTypes(r.body())).contains("RestartRequest");
    }

    @Test
    void anExpiredTokenIsRefusedSayingSo() throws Exception {
        String token = accessKeyToken(1);
        clock.advance(Duration.ofMinutes(2));

        HttpResponse<String> r = get("?action=GetActivityTypes&version=2011-08-01", token);

        assertThat(r.statusCode()).isEqualTo(401);
        LandscapeError e = LandscapeCodec.decodeError(r.body());
        assertThat(e.code()).isEqualTo(LandscapeError.UNAUTHORISED);
        assertThat(e.message()).contains("expired");
    }

    @Test
    void aForgedTokenIsRefusedSayingSo() throws Exception {
        String token = accessKeyToken(60);
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");

        HttpResponse<String> r = get("v2/activities", forged);

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(LandscapeCodec.decodeError(r.body()).message()).contains("signature");
    }

    @Test
    void wrongCredentialsAreRefused() throws Exception {
        HttpResponse<String> key = post(
                "v2/login/access-key",
                new LandscapeLogin.AccessKey(KEY, "nope", java.util.OptionalInt.empty()).toJson());
        HttpResponse<String> password = post(
                "v2/login",
                new LandscapeLogin.Password("jane@example.com", "wrong", java.util.Optional.empty()).toJson());
        HttpResponse<String> account = post(
                "v2/login",
                new LandscapeLogin.Password("jane@example.com", "jane-pwd", java.util.Optional.of("other")).toJson());

        assertThat(List.of(key.statusCode(), password.statusCode(), account.statusCode()))
                .containsOnly(401);
        assertThat(LandscapeCodec.decodeError(account.body()).message()).contains("other");
    }

    @Test
    void repeatedWrongPasswordsLockTheLoginOutForAWhile() throws Exception {
        String wrong = new LandscapeLogin.Password("jane@example.com", "guess", java.util.Optional.empty()).toJson();
        String right = new LandscapeLogin.Password("jane@example.com", "jane-pwd", java.util.Optional.empty()).toJson();
        for (int i = 0; i < 6; i++) {
            assertThat(post("v2/login", wrong).statusCode()).isEqualTo(401);
        }

        // Locked out for a second after the sixth failure: even the right password is refused, unchecked.
        HttpResponse<String> locked = post("v2/login", right);
        clock.advance(Duration.ofSeconds(2));
        HttpResponse<String> later = post("v2/login", right);

        assertThat(locked.statusCode()).isEqualTo(401);
        assertThat(LandscapeCodec.decodeError(locked.body()).code()).isEqualTo(LandscapeError.INVALID_CREDENTIALS);
        assertThat(later.statusCode()).as(later.body()).isEqualTo(200);
    }

    @Test
    void repeatedWrongSecretsLockTheAccessKeyOutForAWhile() throws Exception {
        String wrong = new LandscapeLogin.AccessKey(KEY, "guess", java.util.OptionalInt.empty()).toJson();
        for (int i = 0; i < 6; i++) {
            assertThat(post("v2/login/access-key", wrong).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> locked = post(
                "v2/login/access-key",
                new LandscapeLogin.AccessKey(KEY, SECRET, java.util.OptionalInt.empty()).toJson());
        clock.advance(Duration.ofSeconds(2));

        assertThat(locked.statusCode()).isEqualTo(401);
        assertThat(accessKeyToken(10)).isNotEmpty();
    }

    @Test
    void theClientLogsInWithAnAccessKeyAndAgainWhenItsTokenExpires() {
        try (LandscapeClient client = LandscapeClient.builder(endpoint)
                .accessKeyLogin(KEY, SECRET, Duration.ofMinutes(1))
                .build()) {
            assertThat(client.getActivityTypes()).contains("RestartRequest");
            clock.advance(Duration.ofMinutes(5));
            assertThat(client.approveActivities(QueryCriteria.id(child))).containsExactly(child);
        }
    }

    @Test
    void theClientLogsInWithEmailAndPasswordIntoAnAccount() {
        try (LandscapeClient client = LandscapeClient.builder(endpoint)
                .passwordLogin("jane@example.com", "jane-pwd", ActivityStores.DEFAULT_ACCOUNT)
                .build()) {
            assertThat(client.getActivities(QueryCriteria.all(), 10, 0)).hasSize(2);
        }
    }

    @Test
    void aRefusedLoginIsAnAuthenticationError() {
        try (LandscapeClient client = LandscapeClient.builder(endpoint)
                .passwordLogin("jane@example.com", "wrong")
                .build()) {
            assertThatThrownBy(client::getActivityTypes)
                    .isInstanceOf(RemoteAuthenticationException.class)
                    .hasMessageContaining("wrong email or password");
        }
    }

    @Test
    void restPagesCountEverythingAndLinkTheirNeighbours() {
        try (LandscapeClient client =
                LandscapeClient.builder(endpoint).accessKeyLogin(KEY, SECRET).build()) {
            LandscapeActivityPage first = client.getActivityPage(QueryCriteria.all(), 1, 0);
            LandscapeActivityPage second = client.getActivityPage(QueryCriteria.all(), 1, 1);

            assertThat(first.count()).isEqualTo(2);
            assertThat(first.results()).extracting(a -> a.activity().id()).containsExactly(child);
            assertThat(first.next()).isPresent();
            assertThat(first.next().get().getQuery()).contains("offset=1");
            assertThat(first.previous()).isEmpty();
            assertThat(second.next()).isEmpty();
            assertThat(second.previous()).isPresent();
        }
    }

    @Test
    void aRestActivityHasItsActionsAndChildren() {
        try (LandscapeClient client =
                LandscapeClient.builder(endpoint).accessKeyLogin(KEY, SECRET).build()) {
            LandscapeActivity group = client.getActivity(parent).orElseThrow();
            LandscapeActivity restart = client.getActivity(child).orElseThrow();

            assertThat(group.children().orElseThrow()).extracting(Activity::id).containsExactly(child);
            assertThat(group.actions().orElseThrow().approvable()).isFalse();
            assertThat(group.actions().orElseThrow().cancelable()).isTrue();
            assertThat(restart.activity().status()).isEqualTo(ActivityStatus.UNAPPROVED);
            assertThat(restart.actions().orElseThrow().approvable()).isTrue();
            assertThat(restart.children().orElseThrow()).isEmpty();
            assertThat(restart.activity().details()).doesNotContainKeys("actions", "children");
            assertThat(client.getActivity(999)).isEmpty();
        }
    }

    @Test
    void aTokenOutlivesARestartOnlyWithAConfiguredSecret() throws Exception {
        byte[] secret = "a shared token secret of 40 bytes long!!".getBytes(StandardCharsets.UTF_8);
        String token;
        try (ReferenceAgent first = agentWith(secret)) {
            endpoint = first.landscapeUri();
            token = accessKeyToken(10);
        }
        try (ReferenceAgent same = agentWith(secret);
                ReferenceAgent random = agentWith(null)) {
            endpoint = same.landscapeUri();
            assertThat(get("v2/activities", token).statusCode()).isEqualTo(200);
            endpoint = random.landscapeUri();
            assertThat(get("v2/activities", token).statusCode()).isEqualTo(401);
        }
        assertThatThrownBy(() -> ReferenceAgent.builder().landscapeTokenSecret(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 32 bytes");
    }

    @Test
    void aPersonGivenWithAHashLogsInWithThePassword() throws Exception {
        try (ReferenceAgent a = ReferenceAgent.builder()
                .clock(clock)
                .activityStore(store)
                .landscapeUserWithHash("joe@example.com", PasswordHash.of("joe-pwd"), ActivityStores.DEFAULT_ACCOUNT)
                .start()) {
            endpoint = a.landscapeUri();
            HttpResponse<String> ok = post(
                    "v2/login",
                    new LandscapeLogin.Password("joe@example.com", "joe-pwd", java.util.Optional.empty()).toJson());
            HttpResponse<String> wrong = post(
                    "v2/login",
                    new LandscapeLogin.Password("joe@example.com", "jane-pwd", java.util.Optional.empty()).toJson());

            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(wrong.statusCode()).isEqualTo(401);
        }
    }

    private ReferenceAgent agentWith(byte @Nullable [] secret) {
        ReferenceAgent.Builder b = ReferenceAgent.builder()
                .clock(clock)
                .activityStore(store)
                .accessKey(KEY, SECRET, ActivityStores.DEFAULT_ACCOUNT);
        if (secret != null) {
            b.landscapeTokenSecret(secret);
        }
        return b.start();
    }

    @Test
    void aRestActivityIdAboveTheLongRangeIsNotFound() throws Exception {
        HttpResponse<String> r = get("v2/activities/9999999999999999999", accessKeyToken(10));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
        assertThat(LandscapeCodec.decodeError(r.body()).message()).contains("9999999999999999999");
    }

    @Test
    void restReadsWithoutATokenAreRefused() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(endpoint.resolve("v2/activities")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(LandscapeCodec.decodeError(r.body()).message()).contains("Bearer");
    }
}
