package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.activity4j.client.wire.TemboardCodec;
import org.activity4j.client.wire.TemboardSessionsCodec;
import org.activity4j.client.wire.TemboardSignature;
import org.activity4j.testkit.TestClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reference agent checks the signed API's requests in the real agent's order, with its error bodies. */
class TemboardSignedAgentTest {
    private static final KeyPair UI = TemboardSignedClientThroughAgentIT.rsa();
    private static final KeyPair BOB = TemboardSignedClientThroughAgentIT.rsa();

    private final HttpClient http = HttpClient.newHttpClient();
    private final TestClock clock = TestClock.at("2024-05-01T10:00:00Z");
    private final FakeInspector inspector = new FakeInspector();
    private @Nullable ReferenceAgent agent;
    private URI base = URI.create("http://127.0.0.1/");

    @BeforeEach
    void startAgent() {
        ReferenceAgent a = ReferenceAgent.builder()
                .backendInspector(inspector)
                .temboardSigningKey(UI.getPublic())
                .temboardSigningKey("bob", BOB.getPublic())
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

    private record Answer(int status, String body) {
        String error() {
            return TemboardCodec.decodeError(body);
        }
    }

    /** Sends a request signed by {@code key} (none when null), with {@code override} replacing headers. */
    private Answer send(
            String method,
            String target,
            String user,
            @Nullable PrivateKey key,
            Map<String, String> override,
            String body)
            throws IOException, InterruptedException {
        URI uri = base.resolve(target);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", uri.getHost() + ":" + uri.getPort());
        h.put(TemboardSignature.DATE, TemboardSignature.formatDate(clock.instant()));
        h.put(TemboardSignature.REQUEST_ID, UUID.randomUUID().toString());
        h.put(TemboardSignature.USER, user);
        if (method.equals("POST")) {
            h.put("Content-Type", "application/json");
            h.put("Content-Length", Integer.toString(bytes.length));
        }
        if (key != null) {
            byte[] canonical = TemboardSignature.canonicalRequest(method, target, h, bytes);
            h.put(TemboardSignature.SIGNATURE, "v1:" + TemboardSignature.sign(key, canonical));
        }
        h.putAll(override);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        h.forEach((name, value) -> {
            if (!name.equals("Host") && !name.equals("Content-Length") && !value.isEmpty()) {
                b.header(name, value);
            }
        });
        b.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    private Answer get(String target, Map<String, String> override) throws IOException, InterruptedException {
        return send("GET", target, "alice", UI.getPrivate(), override, "");
    }

    @Test
    void signedRequestIsServedWithColumns() throws Exception {
        Answer a = get("/activity/sessions?limit=5", Map.of());

        assertThat(a.status()).isEqualTo(200);
        assertThat(TemboardSessionsCodec.decodeSessions(a.body())).isNotNull();
        assertThat(a.body()).contains("\"columns\":[\"pid\",\"client_addr\"");
        assertThat(get("/activity", Map.of()).body()).contains("\"columns\":[\"pid\",\"database\"");
    }

    @Test
    void answersWithoutOsFiguresAreReadFromTheInspectorsViewWithoutThem() throws Exception {
        assertThat(get("/activity/sessions", Map.of()).status()).isEqualTo(200);
        assertThat(get("/activity/locks", Map.of()).status()).isEqualTo(200);
        assertThat(inspector.calls)
                .containsExactly("without figures activity", "without figures waiting", "without figures blocking");
        inspector.calls.clear();

        assertThat(get("/activity", Map.of()).status()).isEqualTo(200);
        assertThat(get("/activity/waiting", Map.of()).status()).isEqualTo(200);
        assertThat(get("/activity/blocking", Map.of()).status()).isEqualTo(200);
        assertThat(inspector.calls)
                .containsExactly("with figures activity", "with figures waiting", "with figures blocking");
    }

    @Test
    void missingOrOldDateIsRefusedFirst() throws Exception {
        assertThat(get("/activity", Map.of(TemboardSignature.DATE, "")).error())
                .isEqualTo("Missing X-TemBoard-Date header.");
        String old = TemboardSignature.formatDate(
                clock.instant().minus(Duration.ofHours(2).plusSeconds(1)));
        Answer a = send("GET", "/activity", "alice", null, Map.of(TemboardSignature.DATE, old), "");
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.error()).isEqualTo("Request older than 2 hours.");
        assertThat(get("/activity", Map.of(TemboardSignature.DATE, "yesterday")).error())
                .isEqualTo("Malformed X-TemBoard-Date header.");
    }

    @Test
    void signatureProblemsHaveTheRealAgentsBodies() throws Exception {
        assertThat(send("GET", "/activity", "alice", null, Map.of(), "").error())
                .isEqualTo("Missing X-TemBoard-Signature header.");
        assertThat(get("/activity", Map.of(TemboardSignature.SIGNATURE, "v2:abc"))
                        .error())
                .isEqualTo("Unsupported signature format");
        assertThat(get("/activity", Map.of(TemboardSignature.SIGNATURE, "v1:")).error())
                .isEqualTo("Malformed signature");
        Answer forged = send("GET", "/activity", "alice", BOB.getPrivate(), Map.of(), "");
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.error()).isEqualTo("Invalid signature");
        Answer noId = get("/activity", Map.of(TemboardSignature.REQUEST_ID, ""));
        assertThat(noId.status()).isEqualTo(400);
        assertThat(noId.error()).isEqualTo("Missing headers for request signing: x-temboard-request-id");
    }

    @Test
    void aSignedRequestForAnotherQueryIsRefused() throws Exception {
        URI uri = base.resolve("/activity?limit=1");
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", uri.getHost() + ":" + uri.getPort());
        h.put(TemboardSignature.DATE, TemboardSignature.formatDate(clock.instant()));
        h.put(TemboardSignature.REQUEST_ID, "r1");
        h.put(TemboardSignature.USER, "alice");
        String signature = TemboardSignature.sign(
                UI.getPrivate(), TemboardSignature.canonicalRequest("GET", "/activity?limit=1", h, new byte[0]));
        Map<String, String> sent = new LinkedHashMap<>(h);
        sent.put(TemboardSignature.SIGNATURE, "v1:" + signature);

        assertThat(get("/activity?limit=2", sent).status()).isEqualTo(403);
        assertThat(get("/activity?limit=1", sent).status()).isEqualTo(200);
    }

    @Test
    void absentUserIsAMissingSignedHeader() throws Exception {
        Answer a = send("GET", "/activity", "", UI.getPrivate(), Map.of(), "");

        assertThat(a.status()).isEqualTo(400);
        assertThat(a.error()).isEqualTo("Missing headers for request signing: x-temboard-user");
    }

    @Test
    void aUserWithItsOwnKeyIsCheckedWithThatKeyOnly() throws Exception {
        assertThat(send("GET", "/activity", "bob", BOB.getPrivate(), Map.of(), "")
                        .status())
                .isEqualTo(200);
        assertThat(send("GET", "/activity", "bob", UI.getPrivate(), Map.of(), "")
                        .status())
                .isEqualTo(403);
        assertThat(send("GET", "/activity", "carol", BOB.getPrivate(), Map.of(), "")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void routesAndParametersAreCheckedAsTheAgentDoes() throws Exception {
        Answer unknown = get("/activity/nothing", Map.of());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("Not found: '/nothing'");
        Answer limit = get("/activity?limit=abc", Map.of());
        assertThat(limit.status()).isEqualTo(406);
        assertThat(limit.error()).isEqualTo("Parameter 'limit' is malformed.");
        Answer missing = send("POST", "/activity/kill", "alice", UI.getPrivate(), Map.of(), "{}");
        assertThat(missing.status()).isEqualTo(406);
        assertThat(missing.error()).isEqualTo("Parameter 'pids' not sent.");
    }

    @Test
    void aSignedChangeIsAcceptedOnce() throws Exception {
        Map<String, String> fixed = new LinkedHashMap<>();
        fixed.put(TemboardSignature.REQUEST_ID, "same-request");
        String body = "{\"pids\":[4194305]}";
        URI uri = base.resolve("/activity/kill");
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", uri.getHost() + ":" + uri.getPort());
        h.put(TemboardSignature.DATE, TemboardSignature.formatDate(clock.instant()));
        h.put(TemboardSignature.REQUEST_ID, "same-request");
        h.put(TemboardSignature.USER, "alice");
        h.put("Content-Type", "application/json");
        h.put("Content-Length", Integer.toString(body.length()));
        fixed.put(
                TemboardSignature.SIGNATURE,
                "v1:"
                        + TemboardSignature.sign(
                                UI.getPrivate(),
                                TemboardSignature.canonicalRequest(
                                        "POST", "/activity/kill", h, body.getBytes(StandardCharsets.UTF_8))));

        Answer first = send("POST", "/activity/kill", "alice", null, fixed, body);
        Answer again = send("POST", "/activity/kill", "alice", null, fixed, body);

        assertThat(first.status()).isEqualTo(200);
        assertThat(TemboardCodec.decodeKillResponse(first.body())).hasSize(1);
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.error()).isEqualTo("Request already received.");
    }
}
