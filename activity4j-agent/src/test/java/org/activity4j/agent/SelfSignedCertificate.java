package org.activity4j.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate made at test time by the running JDK's {@code keytool} (no key material is
 * committed): {@code keytool -genkeypair -keyalg EC -groupname secp256r1 -dname CN=<name> -ext san=<san>
 * -validity 2 -storetype PKCS12}. Gives the server's {@link SSLContext} (key and certificate) and a client's
 * (trusting only this certificate).
 */
final class SelfSignedCertificate {
    private static final char[] PASSWORD = "test-only-password".toCharArray();

    private final KeyStore keyStore;

    private SelfSignedCertificate(KeyStore keyStore) {
        this.keyStore = keyStore;
    }

    /**
     * A certificate for {@code CN=name} with the subject alternative names {@code san} (keytool's syntax,
     * e.g. {@code ip:127.0.0.1} or {@code dns:localhost}), in a PKCS12 file under {@code dir}.
     */
    static SelfSignedCertificate generate(Path dir, String name, String san)
            throws IOException, InterruptedException, GeneralSecurityException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Path store = Files.createTempFile(dir, "agent", ".p12");
        Files.delete(store);
        List<String> command = List.of(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "agent",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + name,
                "-ext",
                "san=" + san,
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                new String(PASSWORD),
                "-keypass",
                new String(PASSWORD));
        Process keytoolRun =
                new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytoolRun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytoolRun.waitFor(60, TimeUnit.SECONDS) || keytoolRun.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, PASSWORD);
        }
        return new SelfSignedCertificate(keyStore);
    }

    /** A TLS context that presents this certificate, for {@link ReferenceAgent.Builder#https}. */
    SSLContext serverContext() throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** A TLS context that trusts this certificate and no other. */
    SSLContext trustingContext() throws GeneralSecurityException, IOException {
        Certificate certificate = keyStore.getCertificate("agent");
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("agent", certificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }
}
