package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.activity4j.agent.internal.ConfigException;
import org.activity4j.agent.internal.TlsFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable agent's HTTPS from PEM files or a PKCS#12 key store, through a real TLS handshake. */
class AgentTlsFilesTest {
    private final Path dir;

    AgentTlsFilesTest(@TempDir Path dir) {
        this.dir = dir;
    }

    @Test
    void servesHttpsFromPemFilesWithAnEcKey() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate(dir, "agent", "ip:127.0.0.1", "EC");
        cert.writePem(dir.resolve("agent.crt"), dir.resolve("agent.key"));

        SSLContext context = TlsFiles.fromPem(dir.resolve("agent.crt"), dir.resolve("agent.key"));

        assertThat(statusOverHttps(context, cert)).isEqualTo(404);
    }

    @Test
    void servesHttpsFromPemFilesWithAnRsaKey() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate(dir, "agent", "ip:127.0.0.1", "RSA");
        cert.writePem(dir.resolve("agent.crt"), dir.resolve("agent.key"));

        SSLContext context = TlsFiles.fromPem(dir.resolve("agent.crt"), dir.resolve("agent.key"));

        assertThat(statusOverHttps(context, cert)).isEqualTo(404);
    }

    @Test
    void servesHttpsFromAPkcs12KeyStore() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate(dir, "agent", "ip:127.0.0.1");

        SSLContext context = TlsFiles.fromPkcs12(
                cert.file(), SelfSignedCertificate.password().toCharArray());

        assertThat(statusOverHttps(context, cert)).isEqualTo(404);
    }

    @Test
    void refusesAKeyThatIsNotTheCertificates() throws Exception {
        SelfSignedCertificate one = SelfSignedCertificate.generate(dir, "one", "ip:127.0.0.1");
        SelfSignedCertificate other = SelfSignedCertificate.generate(dir, "other", "ip:127.0.0.1");
        one.writePem(dir.resolve("one.crt"), dir.resolve("one.key"));
        other.writePem(dir.resolve("other.crt"), dir.resolve("other.key"));

        assertThatThrownBy(() -> TlsFiles.fromPem(dir.resolve("one.crt"), dir.resolve("other.key")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("other.key is not the private key of the first certificate");
    }

    @Test
    void refusesAnRsaKeyForAnEcCertificate() throws Exception {
        SelfSignedCertificate ec = SelfSignedCertificate.generate(dir, "ec", "ip:127.0.0.1", "EC");
        SelfSignedCertificate rsa = SelfSignedCertificate.generate(dir, "rsa", "ip:127.0.0.1", "RSA");
        ec.writePem(dir.resolve("ec.crt"), dir.resolve("ec.key"));
        rsa.writePem(dir.resolve("rsa.crt"), dir.resolve("rsa.key"));

        assertThatThrownBy(() -> TlsFiles.fromPem(dir.resolve("ec.crt"), dir.resolve("rsa.key")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not a PKCS#8 EC private key");
    }

    @Test
    void refusesAPkcs1KeyWithTheCommandThatConvertsIt() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate(dir, "agent", "ip:127.0.0.1", "RSA");
        cert.writePem(dir.resolve("agent.crt"), dir.resolve("agent.key"));
        Path pkcs1 = dir.resolve("pkcs1.key");
        Files.writeString(pkcs1, SelfSignedCertificate.pem("RSA PRIVATE KEY", new byte[] {1, 2, 3}));

        assertThatThrownBy(() -> TlsFiles.fromPem(dir.resolve("agent.crt"), pkcs1))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is a RSA PRIVATE KEY")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt -in " + pkcs1);
    }

    @Test
    void refusesAnEncryptedKey() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate(dir, "agent", "ip:127.0.0.1");
        cert.writePem(dir.resolve("agent.crt"), dir.resolve("agent.key"));
        Path encrypted = dir.resolve("encrypted.key");
        Files.writeString(encrypted, SelfSignedCertificate.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));

        assertThatThrownBy(() -> TlsFiles.fromPem(dir.resolve("agent.crt"), encrypted))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("is encrypted");
    }

    @Test
    void refusesACertificateFileWithoutCertificates() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.crt"), "nothing here\n");

        assertThatThrownBy(() -> TlsFiles.fromPem(empty, dir.resolve("agent.key")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("holds no PEM certificate");
    }

    @Test
    void refusesAMissingKeyFile() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate(dir, "agent", "ip:127.0.0.1");
        cert.writePem(dir.resolve("agent.crt"), dir.resolve("agent.key"));

        assertThatThrownBy(() -> TlsFiles.fromPem(dir.resolve("agent.crt"), dir.resolve("missing.key")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("missing.key does not exist");
    }

    @Test
    void refusesAKeyStoreWithTheWrongPassword() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.generate(dir, "agent", "ip:127.0.0.1");

        assertThatThrownBy(() -> TlsFiles.fromPkcs12(cert.file(), "wrong-password".toCharArray()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read the PKCS#12 key store " + cert.file())
                .hasMessageNotContaining("wrong-password");
    }

    private static int statusOverHttps(SSLContext server, SelfSignedCertificate cert) throws Exception {
        try (ReferenceAgent agent = ReferenceAgent.builder().https(server).start()) {
            HttpClient client = HttpClient.newBuilder()
                    .sslContext(cert.trustingContext())
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(agent.uri().resolve("/nothing"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(agent.uri().getScheme()).isEqualTo("https");
            return response.statusCode();
        }
    }
}
