package org.activity4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.activity4j.client.internal.SharedHttpClients;
import org.junit.jupiter.api.Test;

/** Clients with the same TLS context and connect timeout share one JDK HttpClient; others do not. */
class SharedHttpClientsTest {
    @Test
    void theSameOptionsShareOneClient() {
        HttpClient a = SharedHttpClients.get(null, Duration.ofSeconds(5));
        HttpClient b = SharedHttpClients.get(null, Duration.ofSeconds(5));

        assertThat(b).isSameAs(a);
        assertThat(a.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(a.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
        assertThat(a.connectTimeout()).contains(Duration.ofSeconds(5));
    }

    @Test
    void anotherConnectTimeoutOrTlsContextGetsItsOwnClient() throws GeneralSecurityException {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, null, null);
        SSLContext otherTls = SSLContext.getInstance("TLS");
        otherTls.init(null, null, null);
        HttpClient plain = SharedHttpClients.get(null, Duration.ofSeconds(5));

        HttpClient slower = SharedHttpClients.get(null, Duration.ofSeconds(6));
        HttpClient withTls = SharedHttpClients.get(tls, Duration.ofSeconds(5));
        HttpClient withOtherTls = SharedHttpClients.get(otherTls, Duration.ofSeconds(5));

        assertThat(slower).isNotSameAs(plain);
        assertThat(withTls).isNotSameAs(plain).isNotSameAs(withOtherTls);
        assertThat(withTls.sslContext()).isSameAs(tls);
        assertThat(SharedHttpClients.get(tls, Duration.ofSeconds(5))).isSameAs(withTls);
    }
}
