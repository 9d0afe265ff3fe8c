package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.activity4j.client.wire.LandscapeCodec;
import org.activity4j.client.wire.LandscapeError;
import org.activity4j.client.wire.LandscapeParams;
import org.activity4j.client.wire.LandscapeSignature;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.testkit.TestClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The four ways Canonical's own Landscape client differs from activity4j's, each accepted by the agent, over a
 * raw socket so that the {@code Host} header and the path are exactly what that client sends.
 */
class LandscapeRealClientTest {
    private static final String KEY = "0GS7553JW74RRM612K02EXAMPLE";
    private static final String SECRET = "secretkeyEXAMPLE";

    private final TestClock clock = TestClock.at("2024-05-01T10:00:00Z");
    private final ActivityStore store = ActivityStores.inMemory(clock);
    private @Nullable ReferenceAgent agent;
    private int port;

    @BeforeEach
    void startAgent() {
        store.registerPerson(new Person(5, "Jane Doe", "jane@example.com"));
        store.createActivity(
                NewActivity.builder("RestartRequest", 5).summary("Restart").build());
        ReferenceAgent a = ReferenceAgent.builder()
                .clock(clock)
                .activityStore(store)
                .accessKey(KEY, SECRET, ActivityStores.DEFAULT_ACCOUNT)
                .start();
        agent = a;
        port = a.uri().getPort();
    }

    @AfterEach
    void stopAgent() {
        ReferenceAgent a = agent;
        if (a != null) {
            a.close();
        }
    }

    private record Reply(int status, String body) {
        LandscapeError error() {
            return LandscapeCodec.decodeError(body);
        }
    }

    private Reply exchange(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int status = Integer.parseInt(text.substring(9, 12));
            return new Reply(status, text.substring(text.indexOf("\r\n\r\n") + 4));
        }
    }

    private Reply get(String host, String path, Map<String, String> params) throws IOException {
        return exchange("GET " + path + "?" + LandscapeParams.encode(params) + " HTTP/1.1\r\nHost: " + host
                + "\r\nConnection: close\r\n\r\n");
    }

    private Map<String, String> params(String version) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("action", "GetActivityTypes");
        p.put("version", version);
        p.put(LandscapeSignature.ACCESS_KEY_ID, KEY);
        p.put(LandscapeSignature.SIGNATURE_METHOD, LandscapeSignature.METHOD);
        p.put(LandscapeSignature.SIGNATURE_VERSION, LandscapeSignature.VERSION);
        p.put(LandscapeSignature.TIMESTAMP, LandscapeSignature.formatTimestamp(clock.instant()));
        return p;
    }

    /** Signs {@code text} (a whole string to sign) as any client would, without lowercasing anything. */
    private static String hmac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> signed(
            Map<String, String> p, String signedHost, String path, LandscapeParams.Order order) {
        Map<String, String> s = new LinkedHashMap<>(p);
        s.put(LandscapeSignature.SIGNATURE, hmac(LandscapeSignature.stringToSign("GET", signedHost, path, p, order)));
        return s;
    }

    @Test
    void aSignatureOverTheHostAsWrittenInUpperCaseIsAccepted() throws IOException {
        String host = "LOCALHOST:" + port;
        Reply reply = get(host, "/api/", signed(params("2011-08-01"), host, "/api/", LandscapeParams.Order.RAW_NAMES));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(LandscapeCodec.decodeActivityTypes(reply.body())).contains("RestartRequest");
    }

    @Test
    void aSignatureOverAMixedCaseHostAsWrittenIsAccepted() throws IOException {
        String host = "Agent.Example.COM:" + port;
        Reply reply = get(host, "/api/", signed(params("2011-08-01"), host, "/api/", LandscapeParams.Order.RAW_NAMES));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void aSignatureOverTheLowercasedHostIsAcceptedWhateverTheHeaderCase() throws IOException {
        String host = "LOCALHOST:" + port;
        Reply reply = get(
                host,
                "/api/",
                signed(params("2011-08-01"), "localhost:" + port, "/api/", LandscapeParams.Order.RAW_NAMES));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void aSignatureOverAnotherHostIsRefused() throws IOException {
        String host = "LOCALHOST:" + port;
        Reply reply = get(
                host,
                "/api/",
                signed(params("2011-08-01"), "otherhost:" + port, "/api/", LandscapeParams.Order.RAW_NAMES));

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.error().code()).isEqualTo(LandscapeError.SIGNATURE_DOES_NOT_MATCH);
    }

    @Test
    void theEndpointWithoutItsTrailingSlashIsServed() throws IOException {
        String host = "127.0.0.1:" + port;
        Reply reply = get(host, "/api", signed(params("2011-08-01"), host, "/api", LandscapeParams.Order.RAW_NAMES));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(LandscapeCodec.decodeActivityTypes(reply.body())).contains("RestartRequest");
    }

    @Test
    void version20131104IsServed() throws IOException {
        String host = "127.0.0.1:" + port;
        Reply reply = get(host, "/api/", signed(params("2013-11-04"), host, "/api/", LandscapeParams.Order.RAW_NAMES));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    @Test
    void anUnknownVersionIsRefusedNamingTheKnownOnes() throws IOException {
        String host = "127.0.0.1:" + port;
        Reply reply = get(host, "/api/", signed(params("2012-01-01"), host, "/api/", LandscapeParams.Order.RAW_NAMES));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.error().message()).contains("2012-01-01", "2011-08-01", "2013-11-04");
    }

    @Test
    void parametersSortedByRawOrByEncodedNamesAreBothAccepted() throws IOException {
        String host = "127.0.0.1:" + port;
        Map<String, String> p = params("2011-08-01");
        // The two orders differ for these names: '~' < 'é' raw, but '%C3%A9' < '~' encoded.
        p.put("a~", "1");
        p.put("aé", "2");
        assertThat(LandscapeParams.encode(p, LandscapeParams.Order.RAW_NAMES))
                .isNotEqualTo(LandscapeParams.encode(p, LandscapeParams.Order.ENCODED_NAMES));

        for (LandscapeParams.Order order : LandscapeParams.Order.values()) {
            Reply reply = get(host, "/api/", signed(p, host, "/api/", order));
            assertThat(reply.status()).as(order + ": " + reply.body()).isEqualTo(200);
        }
    }

    @Test
    void anUnknownPathUnderApiIsA404WithAMessage() throws IOException {
        Reply reply = exchange("GET /api/nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.error().code()).isEqualTo("NotFound");
        assertThat(reply.error().message()).contains("/api/nothing");
    }

    @Test
    void aWrongMethodOnApiIsA405WithAMessage() throws IOException {
        Reply reply = exchange("DELETE /api HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.error().message()).contains("DELETE");
    }

    @Test
    void aRequestTheServerRefusesUnderApiHasLandscapesShape() throws IOException {
        // A header line without a colon: the HTTP server refuses it before the agent sees the request.
        Reply bad = exchange("GET /api/ HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon here\r\nConnection: close\r\n\r\n");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error().code()).isEqualTo("BadRequest");
        assertThat(bad.error().message()).isNotEmpty();

        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            many.append("X-Filler-").append(i).append(": x\r\n");
        }
        Reply tooMany = exchange("GET /api HTTP/1.1\r\nHost: 127.0.0.1\r\n" + many + "Connection: close\r\n\r\n");
        assertThat(tooMany.status()).isEqualTo(431);
        assertThat(tooMany.error().code()).isEqualTo("RequestHeaderFieldsTooLarge");
        assertThat(tooMany.error().message()).contains("122");
    }

    @Test
    void errorsOutsideApiKeepTemboardsShape() throws IOException {
        Reply reply = exchange("GET /nothing HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).isEqualTo("{\"error\":\"URL not found.\"}");
    }

    @Test
    void landscapeClientLowercasesTheHostAsTheDocumentationSays() {
        try (org.activity4j.client.LandscapeClient client = org.activity4j.client.LandscapeClient.builder(
                        java.net.URI.create("http://LOCALHOST:" + port + "/api"))
                .accessKey(KEY, SECRET)
                .clock(clock)
                .build()) {
            assertThat(client.getActivityTypes()).contains("RestartRequest");
        }
        assertThat(LandscapeSignature.hostOf(java.net.URI.create("http://LOCALHOST:8080/api/")))
                .isEqualTo("localhost:8080");
    }
}
