package org.activity4j.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate made at test time by the running JDK's {@code keytool} (no key material is
 * committed): {@code keytool -genkeypair -keyalg EC -groupname secp256r1 (or RSA 2048) -dname CN=<name> -ext san=<san>
 * -validity 2 -storetype PKCS12}. Gives the server's {@link SSLContext} (key and certificate) and a client's
 * (trusting only this certificate).
 */
final class SelfSignedCertificate {
    private static final char[] PASSWORD = "test-only-password".toCharArray();

    private final KeyStore keyStore;
    private final Path file;

    private SelfSignedCertificate(KeyStore keyStore, Path file) {
        this.keyStore = keyStore;
        this.file = file;
    }

    /**
     * A certificate for {@code CN=name} with the subject alternative names {@code san} (keytool's syntax,
     * e.g. {@code ip:127.0.0.1} or {@code dns:localhost}), in a PKCS12 file under {@code dir}.
     */
    static SelfSignedCertificate generate(Path dir, String name, String san)
            throws IOException, InterruptedException, GeneralSecurityException {
        return generate(dir, name, san, "EC");
    }

    /** As {@link #generate(Path, String, String)}, with an {@code EC} (P-256) or {@code RSA} (2048-bit) key. */
    static SelfSignedCertificate generate(Path dir, String name, String san, String keyAlgorithm)
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
                keyAlgorithm,
                keyAlgorithm.equals("EC") ? "-groupname" : "-keysize",
                keyAlgorithm.equals("EC") ? "secp256r1" : "2048",
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
        return new SelfSignedCertificate(keyStore, store);
    }

    /** The PKCS12 file. */
    Path file() {
        return file;
    }

    /** The password of {@link #file()} and of its key. */
    static String password() {
        return new String(PASSWORD);
    }

    /** Writes the certificate (PEM {@code CERTIFICATE}) and the private key (PEM PKCS#8 {@code PRIVATE KEY}). */
    void writePem(Path certificateFile, Path keyFile) throws IOException, GeneralSecurityException {
        Files.writeString(
                certificateFile,
                pem("CERTIFICATE", keyStore.getCertificate("agent").getEncoded()));
        Files.writeString(
                keyFile, pem("PRIVATE KEY", keyStore.getKey("agent", PASSWORD).getEncoded()));
    }

    /** A PEM block of {@code der}, 64 characters a line. */
    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
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
