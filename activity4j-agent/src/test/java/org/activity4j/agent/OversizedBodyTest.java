package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.activity4j.client.wire.LandscapeCodec;
import org.activity4j.client.wire.LandscapeError;
import org.activity4j.client.wire.TemboardCodec;
import org.activity4j.core.ActivityStores;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POST bodies over {@link ReferenceAgent#MAX_REQUEST_BODY_BYTES} are refused with 413 and {@code Connection:
 * close}, before the session or the signature is checked: at once, without a byte of the body, when {@code
 * Content-Length} declares too much; after one byte over the limit when the body is chunked. Raw sockets on
 * 127.0.0.1, so that the requests are exactly as written here.
 */
class OversizedBodyTest {
    private static final int LIMIT = ReferenceAgent.MAX_REQUEST_BODY_BYTES;
    private static final String LOGIN = "{\"username\": \"alice\", \"password\": \"s3cret-pass\"}";

    private @Nullable ReferenceAgent agent;
    private int port;

    @BeforeEach
    void startAgent() {
        ReferenceAgent a = ReferenceAgent.builder()
                .backendInspector(new FakeInspector())
                .user("alice", "s3cret-pass")
                .activityStore(ActivityStores.inMemory())
                .accessKey("KEY1", "secret1", ActivityStores.DEFAULT_ACCOUNT)
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

    private record Answer(int status, Map<String, String> headers, String body) {}

    /** Sends the head, then {@code body} (none when null), and reads the answer by its Content-Length. */
    private Answer exchange(String head, byte @Nullable [] body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        }
    }

    private static Answer read(InputStream in) throws IOException {
        String status = line(in);
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("Content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Answer(Integer.parseInt(status.substring(9, 12)), headers, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed in the middle of the answer: " + b);
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    private static String post(String path, String contentType, String framing) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType + "\r\n" + framing
                + "\r\n\r\n";
    }

    /** {@code bytes} bytes of {@code filler} as one chunk per 64 KiB, then the last chunk. */
    private static byte[] chunked(long bytes, char filler) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] block = new byte[64 * 1024];
        Arrays.fill(block, (byte) filler);
        for (long left = bytes; left > 0; left -= block.length) {
            int n = (int) Math.min(block.length, left);
            b.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            b.write(block, 0, n);
            b.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        b.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return b.toByteArray();
    }

    @Test
    void aTemboardPostDeclaringTooMuchIsRefusedBeforeTheBodyAndTheSession() throws IOException {
        Answer a = exchange(post("/activity/kill", "application/json", "Content-Length: 10000000000"), null);

        assertThat(a.status()).isEqualTo(413);
        assertThat(TemboardCodec.decodeError(a.body())).isEqualTo("Request body too large (more than 1048576 bytes).");
        assertThat(a.headers()).containsEntry("Content-type", "application/json");
        assertThat(a.headers().get("Connection")).isEqualToIgnoringCase("close");
    }

    @Test
    void aLandscapePostDeclaringTooMuchIsRefusedBeforeTheBodyAndTheSignature() throws IOException {
        Answer a =
                exchange(post("/api/", "application/x-www-form-urlencoded", "Content-Length: " + (LIMIT + 1L)), null);

        LandscapeError e = LandscapeCodec.decodeError(a.body());
        assertThat(a.status()).isEqualTo(413);
        assertThat(e.code()).isEqualTo("InvalidParameter");
        assertThat(e.message()).isEqualTo("the request body is larger than 1048576 bytes");
        assertThat(a.headers().get("Connection")).isEqualToIgnoringCase("close");
    }

    @Test
    void aChunkedTemboardLoginOverTheLimitIsRefused() throws IOException {
        Answer a =
                exchange(post("/login", "application/json", "Transfer-Encoding: chunked"), chunked(LIMIT + 1024L, ' '));

        assertThat(a.status()).isEqualTo(413);
        assertThat(TemboardCodec.decodeError(a.body())).startsWith("Request body too large");
    }

    @Test
    void aChunkedLandscapePostOverTheLimitIsRefused() throws IOException {
        Answer a = exchange(
                post("/api/", "application/x-www-form-urlencoded", "Transfer-Encoding: chunked"),
                chunked(LIMIT + 1024L, 'a'));

        assertThat(a.status()).isEqualTo(413);
        assertThat(LandscapeCodec.decodeError(a.body()).code()).isEqualTo("InvalidParameter");
    }

    @Test
    void aBodyOfExactlyTheLimitIsRead() throws IOException {
        byte[] body = (LOGIN + " ".repeat(LIMIT - LOGIN.length())).getBytes(StandardCharsets.UTF_8);

        Answer a = exchange(post("/login", "application/json", "Content-Length: " + body.length), body);

        assertThat(body).hasSize(LIMIT);
        assertThat(a.status()).isEqualTo(200);
        assertThat(TemboardCodec.decodeSession(a.body())).matches("[0-9a-f]{64}");
    }

    @Test
    void aChunkedBodyOfExactlyTheLimitIsRead() throws IOException {
        byte[] chunks = chunked(LIMIT - LOGIN.length(), ' ');
        byte[] login = LOGIN.getBytes(StandardCharsets.UTF_8);
        String first = Integer.toHexString(login.length).toUpperCase(Locale.ROOT) + "\r\n" + LOGIN + "\r\n";

        Answer a = exchange(post("/login", "application/json", "Transfer-Encoding: chunked") + first, chunks);

        assertThat(a.status()).isEqualTo(200);
        assertThat(TemboardCodec.decodeSession(a.body())).matches("[0-9a-f]{64}");
    }
}
