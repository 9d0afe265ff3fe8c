package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.activity4j.client.LandscapeClient;
import org.activity4j.client.TemboardAgentClient;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.Backend;
import org.activity4j.core.BackendUnavailableException;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.query.QueryCriteria;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both clients over HTTPS to the reference agent on 127.0.0.1 with a self-signed certificate made at test
 * time: they work when given an {@link SSLContext} that trusts the certificate, and fail with {@link
 * BackendUnavailableException} caused by the {@link SSLHandshakeException}, without retrying, when they do not
 * trust it (the JDK's default trust) or when it does not name the host.
 */
class ReferenceAgentTlsTest {
    private static final String KEY = "KEY1";
    private static final String SECRET = "secret1";

    private static SelfSignedCertificate forLoopback;
    private static SelfSignedCertificate forLocalhostOnly;

    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void makeCertificates(@TempDir Path dir) throws Exception {
        forLoopback = SelfSignedCertificate.generate(dir, "127.0.0.1", "ip:127.0.0.1");
        forLocalhostOnly = SelfSignedCertificate.generate(dir, "localhost", "dns:localhost");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }

    private ReferenceAgent agent(SelfSignedCertificate certificate) throws Exception {
        ActivityStore store = ActivityStores.inMemory();
        store.registerPerson(new Person(5, "Jane Doe", "jane@example.com"));
        store.createActivity(
                NewActivity.builder("RestartRequest", 5).summary("Restart web1").build());
        ReferenceAgent agent = ReferenceAgent.builder()
                .https(certificate.serverContext())
                .backendInspector(new FakeInspector())
                .user("alice", "s3cret-pass")
                .activityStore(store)
                .accessKey(KEY, SECRET, ActivityStores.DEFAULT_ACCOUNT)
                .start();
        open.add(agent);
        return agent;
    }

    private TemboardAgentClient temboard(TemboardAgentClient.Builder options) {
        TemboardAgentClient client = options.credentials("alice", "s3cret-pass").build();
        open.add(client);
        return client;
    }

    @Test
    void theAgentServesHttpsWhenGivenAKey() throws Exception {
        ReferenceAgent agent = agent(forLoopback);

        assertThat(agent.uri().getScheme()).isEqualTo("https");
        assertThat(agent.landscapeUri().toString())
                .startsWith("https://127.0.0.1:")
                .endsWith("/api/");
    }

    @Test
    void temboardClientTrustingTheCertificateWorks() throws Exception {
        ReferenceAgent agent = agent(forLoopback);
        TemboardAgentClient client =
                temboard(TemboardAgentClient.builder(agent.uri()).sslContext(forLoopback.trustingContext()));

        assertThat(client.activity()).extracting(Backend::pid).containsExactly(100, 101);
        assertThat(client.profile()).isEqualTo("alice");
    }

    @Test
    void landscapeClientTrustingTheCertificateWorks() throws Exception {
        ReferenceAgent agent = agent(forLoopback);
        LandscapeClient client = LandscapeClient.builder(agent.landscapeUri())
                .accessKey(KEY, SECRET)
                .sslContext(forLoopback.trustingContext())
                .build();

        assertThat(client.getActivities(QueryCriteria.all(), 20, 0))
                .extracting(Activity::summary)
                .containsExactly("Restart web1");
        assertThat(client.approveActivities(QueryCriteria.parse("status:unapproved")))
                .isEmpty();
    }

    @Test
    void temboardClientWithTheDefaultTrustIsRefusedWithATypedError() throws Exception {
        ReferenceAgent agent = agent(forLoopback);
        TemboardAgentClient client = temboard(TemboardAgentClient.builder(agent.uri()));

        assertThatThrownBy(client::activity)
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("certificate is not trusted")
                .hasMessageContaining("sslContext")
                .hasCauseInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void landscapeClientWithTheDefaultTrustIsRefusedAtOnceWithATypedError() throws Exception {
        ReferenceAgent agent = agent(forLoopback);
        // A retry would wait an hour: the preemptive timeout shows that a refused certificate is not retried.
        LandscapeClient client = LandscapeClient.builder(agent.landscapeUri())
                .accessKey(KEY, SECRET)
                .retries(2, Duration.ofHours(1))
                .build();

        Throwable e = assertTimeoutPreemptively(
                Duration.ofMinutes(1), () -> catchThrowable(() -> client.getActivities(QueryCriteria.all(), 20, 0)));

        assertThat(e)
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("certificate is not trusted")
                .hasCauseInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aTrustedCertificateThatDoesNotNameTheHostIsRefused() throws Exception {
        ReferenceAgent agent = agent(forLocalhostOnly);
        TemboardAgentClient client =
                temboard(TemboardAgentClient.builder(agent.uri()).sslContext(forLocalhostOnly.trustingContext()));

        assertThatThrownBy(client::activity)
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("does not name the host")
                .hasCauseInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aClientTrustingAnotherCertificateIsRefused() throws Exception {
        ReferenceAgent agent = agent(forLoopback);
        LandscapeClient client = LandscapeClient.builder(agent.landscapeUri())
                .accessKey(KEY, SECRET)
                .sslContext(forLocalhostOnly.trustingContext())
                .build();

        assertThatThrownBy(client::getActivityTypes)
                .isInstanceOf(BackendUnavailableException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class);
    }
}
