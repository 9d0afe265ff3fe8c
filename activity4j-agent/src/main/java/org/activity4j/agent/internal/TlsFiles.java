package org.activity4j.agent.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The agent's TLS key and certificate chain, from a PKCS#12 key store or from PEM files (a certificate chain,
 * the agent's own first, and an unencrypted PKCS#8 private key, RSA or EC), with the JDK alone. A key that does
 * not match the first certificate is refused.
 *
 * <pre>{@code
 * SSLContext https = TlsFiles.fromPem(Path.of("agent.crt"), Path.of("agent.key"));
 * }</pre>
 */
public final class TlsFiles {
    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");
    private static final String CONVERT = "openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pkcs8";

    private TlsFiles() {}

    /**
     * A context presenting the key and certificate chain of a PKCS#12 key store.
     *
     * @throws ConfigException if the file cannot be read, the password is wrong or it holds no private key
     */
    public static SSLContext fromPkcs12(Path file, char[] password) {
        KeyStore store;
        try (InputStream in = Files.newInputStream(file)) {
            store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
        } catch (NoSuchFileException e) {
            throw new ConfigException("the key store " + file + " does not exist", e);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(
                    "cannot read the PKCS#12 key store " + file + " (wrong password, or not PKCS#12?): " + e, e);
        }
        try {
            boolean hasKey = false;
            for (String alias : Collections.list(store.aliases())) {
                hasKey |= store.isKeyEntry(alias);
            }
            if (!hasKey) {
                throw new ConfigException("the key store " + file + " holds no private key");
            }
            return context(store, password);
        } catch (GeneralSecurityException e) {
            throw new ConfigException("cannot use the key store " + file + ": " + e, e);
        }
    }

    /**
     * A context presenting the private key of {@code keyFile} and the certificate chain of {@code
     * certificateFile}.
     *
     * @throws ConfigException if a file cannot be read, is not of the expected form, or the key does not match
     *     the first certificate
     */
    public static SSLContext fromPem(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = certificates(certificateFile);
        PrivateKey key = privateKey(keyFile, chain.get(0).getPublicKey());
        try {
            char[] password = new char[0];
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("agent", key, password, chain.toArray(new Certificate[0]));
            return context(store, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("cannot use " + keyFile + " with " + certificateFile + ": " + e, e);
        }
    }

    /**
     * The RSA public key of a PEM file holding one {@code PUBLIC KEY} block (X.509 SubjectPublicKeyInfo, as
     * {@code openssl rsa -pubout} writes it and temBoard's UI serves its {@code signing.pem}).
     *
     * @throws ConfigException if the file is missing, holds anything else, or the key is not RSA
     */
    public static PublicKey rsaPublicKey(Path file) {
        List<Block> blocks = blocks(file);
        if (blocks.size() != 1 || !blocks.get(0).type.equals("PUBLIC KEY")) {
            throw new ConfigException(file + " must hold one PEM public key (-----BEGIN PUBLIC KEY-----), it holds "
                    + (blocks.isEmpty()
                            ? "none"
                            : blocks.stream().map(b -> b.type).collect(java.util.stream.Collectors.joining(", "))));
        }
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(blocks.get(0).der));
        } catch (GeneralSecurityException e) {
            throw new ConfigException(file + " is not an RSA public key (temBoard signs with RSA): " + e, e);
        }
    }

    private static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("X.509 is not available", e);
        }
        for (Block b : blocks(file)) {
            if (!b.type.equals("CERTIFICATE")) {
                throw new ConfigException(file + " holds a " + b.type + ", not only CERTIFICATE blocks");
            }
            try {
                chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der)));
            } catch (GeneralSecurityException e) {
                throw new ConfigException(file + ": certificate " + (chain.size() + 1) + " is malformed: " + e, e);
            }
        }
        if (chain.isEmpty()) {
            throw new ConfigException(file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file, PublicKey certified) {
        List<Block> blocks = blocks(file);
        if (blocks.size() != 1) {
            throw new ConfigException(file + " must hold one PEM private key, it holds " + blocks.size() + " blocks");
        }
        Block b = blocks.get(0);
        switch (b.type) {
            case "PRIVATE KEY":
                break;
            case "ENCRYPTED PRIVATE KEY":
                throw new ConfigException(file + " is encrypted; the agent reads unencrypted keys only (make the file"
                        + " readable by the agent alone): " + CONVERT.replace("KEY", file.toString()));
            case "RSA PRIVATE KEY":
            case "EC PRIVATE KEY":
                throw new ConfigException(file + " is a " + b.type + " (PKCS#1 or SEC 1); the agent reads PKCS#8"
                        + " (BEGIN PRIVATE KEY): " + CONVERT.replace("KEY", file.toString()));
            default:
                throw new ConfigException(file + " holds a " + b.type + ", not a PRIVATE KEY");
        }
        String algorithm = certified.getAlgorithm();
        PrivateKey key;
        try {
            key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(b.der));
        } catch (GeneralSecurityException e) {
            throw new ConfigException(
                    file + " is not a PKCS#8 " + algorithm + " private key (the certificate's is " + algorithm + ")",
                    e);
        }
        if (!matches(key, certified)) {
            throw new ConfigException(file + " is not the private key of the first certificate");
        }
        return key;
    }

    private static boolean matches(PrivateKey key, PublicKey certified) {
        String algorithm =
                certified.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256with" + certified.getAlgorithm();
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature sign = Signature.getInstance(algorithm);
            sign.initSign(key);
            sign.update(probe);
            byte[] signature = sign.sign();
            Signature verify = Signature.getInstance(algorithm);
            verify.initVerify(certified);
            verify.update(probe);
            return verify.verify(signature);
        } catch (GeneralSecurityException e) {
            // Keys of different curves or sizes fail here rather than in verify.
            return false;
        }
    }

    private static SSLContext context(KeyStore store, char[] password) throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private record Block(String type, byte[] der) {}

    private static List<Block> blocks(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + " does not exist", e);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e, e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(file + ": the " + m.group(1) + " block is not Base64", e);
            }
        }
        return blocks;
    }
}
