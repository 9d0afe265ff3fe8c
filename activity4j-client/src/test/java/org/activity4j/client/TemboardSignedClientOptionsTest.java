package org.activity4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.activity4j.core.BackendUnavailableException;
import org.junit.jupiter.api.Test;

/** The signed client's builder options shared with the other clients: its own HttpClient and Executor, limits. */
class TemboardSignedClientOptionsTest {
    private static final byte[] NO_ROWS = ("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n{\"rows\": []}")
            .getBytes(StandardCharsets.US_ASCII);

    private static KeyPair keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    @Test
    void sendsWithTheGivenHttpClientAndDecodesOnTheGivenExecutor() throws Exception {
        AtomicInteger tasks = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        HttpClient mine =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (RawHttpStub agent = new RawHttpStub(r -> NO_ROWS);
                TemboardSignedClient client = TemboardSignedClient.builder(agent.uri())
                        .signWith("alice", keys().getPrivate())
                        .httpClient(mine)
                        .executor(task -> {
                            tasks.incrementAndGet();
                            pool.execute(task);
                        })
                        .build()) {
            assertThat(client.waiting()).isEmpty();

            assertThat(tasks.get()).as("tasks run on the given executor").isPositive();
            assertThat(agent.requests())
                    .isNotEmpty()
                    .allSatisfy(
                            r -> assertThat(r.header("X-TemBoard-Signature")).startsWith("v1:"));
        } finally {
            pool.shutdownNow();
        }
        assertThat(pool.isShutdown()).isTrue();
    }

    @Test
    void refusesAnHttpClientTogetherWithItsOwnSettings() throws Exception {
        KeyPair keys = keys();
        HttpClient mine = HttpClient.newHttpClient();

        assertThatThrownBy(() -> TemboardSignedClient.builder(URI.create("http://127.0.0.1:1"))
                        .signWith("alice", keys.getPrivate())
                        .httpClient(mine)
                        .connectTimeout(Duration.ofSeconds(1))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("httpClient");
    }

    @Test
    void aBodyOverMaxResponseBytesFailsTheCallSayingSo() throws Exception {
        try (RawHttpStub agent = new RawHttpStub(r -> NO_ROWS);
                TemboardSignedClient client = TemboardSignedClient.builder(agent.uri())
                        .signWith("alice", keys().getPrivate())
                        .maxResponseBytes(5)
                        .retries(0, Duration.ofMillis(10))
                        .build()) {
            assertThatThrownBy(client::waiting)
                    .isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("5");
        }
    }
}
