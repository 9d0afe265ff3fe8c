package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.activity4j.core.ActivityStores;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Requests that a careful server refuses, as Jetty does, sent over raw sockets: each is answered {@code 400}
 * (or {@code 431}) and never reaches the agent's routes. Ambiguous framing is what request smuggling through
 * a proxy is made of.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpFramingTest {
    private static final String LOGIN_BODY = "{\"username\": \"alice\", \"password\": \"s3cret-pass\"}";

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

    /** Sends the bytes and reads until the server closes the connection (or 10 s pass without a byte). */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
            }
            return all.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String login(String headers) {
        return "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + headers
                + "Connection: close\r\n\r\n" + LOGIN_BODY;
    }

    @Test
    void aWellFormedLoginIsServed() throws IOException {
        assertThat(exchange(login("Content-Length: " + LOGIN_BODY.length() + "\r\n")))
                .startsWith("HTTP/1.1 200 ")
                .contains("\"session\"");
    }

    @Test
    void aContentLengthWithASignIsRefused() throws IOException {
        assertThat(exchange(login("Content-Length: +" + LOGIN_BODY.length() + "\r\n")))
                .startsWith("HTTP/1.1 400 ");
    }

    @Test
    void twoDifferentContentLengthsAreRefused() throws IOException {
        assertThat(exchange(login("Content-Length: " + LOGIN_BODY.length() + "\r\nContent-Length: 5\r\n")))
                .startsWith("HTTP/1.1 400 ");
    }

    @Test
    void contentLengthAndChunkedTogetherAreRefused() throws IOException {
        assertThat(exchange(login("Content-Length: " + LOGIN_BODY.length() + "\r\nTransfer-Encoding: chunked\r\n")))
                .startsWith("HTTP/1.1 400 ");
    }

    @Test
    void anHttp11RequestWithoutHostIsRefused() throws IOException {
        assertThat(exchange("GET /nowhere HTTP/1.1\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 400 ");
    }

    @Test
    void aNulInAHeaderIsRefused() throws IOException {
        assertThat(exchange("GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad: a\0b\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 400 ");
    }

    @Test
    void obsoleteLineFoldingIsRefused() throws IOException {
        assertThat(exchange(
                        "GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Folded: a\r\n  b\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 400 ");
    }

    @Test
    void bareLineFeedsAreRefused() throws IOException {
        assertThat(exchange("GET /nowhere HTTP/1.1\nHost: 127.0.0.1\nConnection: close\n\n"))
                .startsWith("HTTP/1.1 400 ");
    }

    @Test
    void aChunkSizeOverflowingSixtyFourBitsIsRefused() throws IOException {
        String head = "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        assertThat(exchange(head + "1" + "0".repeat(16) + LOGIN_BODY.length() + "\r\n" + LOGIN_BODY + "\r\n0\r\n\r\n"))
                .startsWith("HTTP/1.1 400 ");
    }

    @Test
    void aLandscapeBodyThatCannotBeReadIsRefusedInLandscapesErrorShape() throws IOException {
        String head = "POST /api/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        assertThat(exchange(head + "1" + "0".repeat(16) + "5\r\naction\r\n0\r\n\r\n"))
                .startsWith("HTTP/1.1 400 ")
                .contains("\"InvalidParameter\"");
    }

    @Test
    void aSpaceBeforeTheColonIsRefused() throws IOException {
        assertThat(exchange("GET /nowhere HTTP/1.1\r\nHost : 127.0.0.1\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 400 ");
    }

    @Test
    void refusalsAreJsonWithoutAStackTrace() throws IOException {
        String answer = exchange("GET /nowhere HTTP/1.1\r\nConnection: close\r\n\r\n");

        assertThat(answer).contains("application/json").contains("{\"error\":").doesNotContain("at org.");
    }
}
