package org.activity4j.client.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The request signature of temBoard agents 8.0 and later ({@code X-TemBoard-Signature: v1:<base64>}): the
 * signer for clients and the verifier for servers. The signed bytes, the <em>canonical request</em>, are
 * UTF-8 lines joined by {@code \n}, ending with a {@code \n}:
 *
 * <pre>
 * GET /activity%3Flimit%3D2
 *
 * host: 127.0.0.1:2345
 * x-temboard-date: 20261123T193527Z
 * x-temboard-request-id: 2f3f3b60-a2a0-476c-a37a-5d63b5b10586
 * x-temboard-user: alice
 * </pre>
 *
 * <p>The first line is the method in capitals, a space and the request target (path, then {@code ?} and the
 * query if there is one) quoted as a form value, where {@code A-Z a-z 0-9 _ . - ~ /} stay, a space becomes
 * {@code +} and every other UTF-8 byte {@code %XY} (uppercase hex). An empty line follows, then one {@code
 * name: value} line per signed header, names in lowercase, lines sorted: {@code host}, {@code x-temboard-date},
 * {@code x-temboard-request-id} and {@code x-temboard-user}, and for {@code POST} also {@code content-length} and
 * {@code content-type}. A {@code POST} then has an empty line and the lowercase hex SHA-256 of the body. The
 * signature is RSASSA-PSS with SHA-256, MGF1 with SHA-256 and the largest salt the key allows, in standard
 * padded Base64. The date is UTC, {@code yyyyMMdd'T'HHmmss'Z'}; the agent refuses a request whose date is
 * more than {@link #MAX_AGE} (2 hours) old.
 *
 * <pre>{@code
 * Map<String, String> headers = Map.of("Host", "db1:2345", TemboardSignature.DATE, TemboardSignature.formatDate(now),
 *         TemboardSignature.REQUEST_ID, UUID.randomUUID().toString(), TemboardSignature.USER, "alice");
 * byte[] canonical = TemboardSignature.canonicalRequest("GET", "/activity?limit=2", headers, new byte[0]);
 * String header = TemboardSignature.VERSION_PREFIX + TemboardSignature.sign(privateKey, canonical);
 * // server side:
 * boolean ok = TemboardSignature.verify(publicKey, base64, canonical);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class TemboardSignature {
    /** The header with the signature, {@code v1:<base64>}. */
    public static final String SIGNATURE = "X-TemBoard-Signature";
    /** The header with the request's date, {@link #formatDate}. */
    public static final String DATE = "X-TemBoard-Date";
    /** The header with a request id (temBoard's UI sends a random UUID). */
    public static final String REQUEST_ID = "X-TemBoard-Request-Id";
    /** The header with the name of the user on whose behalf the request is made. */
    public static final String USER = "X-TemBoard-User";
    /** What the signature header's value starts with. */
    public static final String VERSION_PREFIX = "v1:";
    /** How old a request's date may be. */
    public static final Duration MAX_AGE = Duration.ofHours(2);

    private static final Set<String> SIGNED =
            Set.of("host", "x-temboard-date", "x-temboard-request-id", "x-temboard-user");
    private static final Set<String> SIGNED_POST = Set.of(
            "host", "x-temboard-date", "x-temboard-request-id", "x-temboard-user", "content-type", "content-length");
    private static final DateTimeFormatter DATE_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    private TemboardSignature() {}

    /** The date as the header carries it: UTC, {@code yyyyMMdd'T'HHmmss'Z'}, e.g. {@code 20261123T193527Z}. */
    public static String formatDate(Instant instant) {
        return DATE_FORMAT.format(instant);
    }

    /**
     * The headers a request with this method signs, in lowercase: {@code host}, {@code x-temboard-date},
     * {@code x-temboard-request-id}, {@code x-temboard-user}, and for {@code POST} {@code content-length} and
     * {@code content-type}.
     */
    public static Set<String> signedHeaders(String method) {
        return method.toUpperCase(Locale.ROOT).equals("POST") ? SIGNED_POST : SIGNED;
    }

    /**
     * The canonical request (see the class): what is signed.
     *
     * @param method the HTTP method, in any case
     * @param target the request target as sent: the raw path, and {@code ?} and the raw query if any
     * @param headers the request's headers, names in any case (values as sent); others than the signed ones are
     *     ignored
     * @param body the request body (hashed for {@code POST} only)
     * @throws IllegalArgumentException if a signed header is missing: the message is the agent's, {@code Missing
     *     headers for request signing: host, x-temboard-user} (names sorted)
     */
    public static byte[] canonicalRequest(String method, String target, Map<String, String> headers, byte[] body) {
        String verb = method.toUpperCase(Locale.ROOT);
        Set<String> required = signedHeaders(verb);
        Map<String, String> signed = new TreeMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (required.contains(lower)) {
                signed.put(lower, value);
            }
        });
        TreeSet<String> missing = new TreeSet<>(required);
        missing.removeAll(signed.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Missing headers for request signing: " + String.join(", ", missing));
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, String> h : signed.entrySet()) {
            lines.add(h.getKey() + ": " + h.getValue());
        }
        // The agent sorts the encoded lines as bytes; names differ, so sorting by name is the same order.
        StringBuilder text = new StringBuilder();
        text.append(verb).append(' ').append(quote(target)).append("\n\n");
        for (String line : lines) {
            text.append(line).append('\n');
        }
        if (verb.equals("POST")) {
            text.append('\n').append(sha256Hex(body)).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The request target quoted as the canonical request writes it: {@code A-Z a-z 0-9 _ . - ~ /} kept, a space
     * as {@code +}, every other UTF-8 byte as {@code %XY}.
     */
    public static String quote(String target) {
        byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 16);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '.'
                    || c == '-'
                    || c == '~'
                    || c == '/') {
                out.write(c);
            } else if (c == ' ') {
                out.write('+');
            } else {
                out.write('%');
                out.write(HEX[c >> 4]);
                out.write(HEX[c & 0xF]);
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    /**
     * The Base64 signature (without {@code v1:}) of {@code canonical} with an RSA private key.
     *
     * @throws IllegalArgumentException if the key is not an RSA key the JDK can sign with
     */
    public static String sign(PrivateKey key, byte[] canonical) {
        try {
            Signature s = pss(key);
            s.initSign(key);
            s.update(canonical);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (InvalidKeyException | SignatureException | InvalidAlgorithmParameterException e) {
            throw new IllegalArgumentException("cannot sign with this key (" + key.getAlgorithm() + "): " + e, e);
        }
    }

    /**
     * Whether {@code base64} (without {@code v1:}) is a valid signature of {@code canonical} by the private key of
     * {@code key}. Malformed Base64 or a signature of the wrong length is {@code false}, never an exception.
     *
     * @throws IllegalArgumentException if the key is not an RSA public key
     */
    public static boolean verify(PublicKey key, String base64, byte[] canonical) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Signature s = pss(key);
            s.initVerify(key);
            s.update(canonical);
            return s.verify(signature);
        } catch (SignatureException e) {
            return false;
        } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
            throw new IllegalArgumentException("cannot verify with this key (" + key.getAlgorithm() + "): " + e, e);
        }
    }

    /** RSASSA-PSS, SHA-256, MGF1-SHA-256, the longest salt for the key's modulus (what temBoard uses). */
    private static Signature pss(Key key) throws InvalidKeyException, InvalidAlgorithmParameterException {
        if (!(key instanceof RSAKey rsa)) {
            throw new InvalidKeyException("not an RSA key: " + key.getAlgorithm());
        }
        int modulusBits = rsa.getModulus().bitLength();
        int encodedLength = (modulusBits - 1 + 7) / 8;
        int salt = encodedLength - 32 - 2;
        if (salt < 0) {
            throw new InvalidKeyException("RSA key too short for PSS with SHA-256: " + modulusBits + " bits");
        }
        try {
            Signature s = Signature.getInstance("RSASSA-PSS");
            s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, salt, 1));
            return s;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no RSASSA-PSS", e);
        }
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
