package org.activity4j.client.wire;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.activity4j.core.WireFormatException;

/**
 * Landscape's request signature, version 2 ({@code HmacSHA256}): the signer for clients and the verifier for
 * servers. The string to sign is {@code VERB \n host \n path \n canonical-parameters}, where the host is
 * lowercase with {@code :port} only when the URL names one, the path is the URL's ({@code /} when empty),
 * and the parameters are every one but {@code signature}, percent-encoded and sorted by raw name ({@link
 * LandscapeParams#encode(Map)}). The verifier also accepts the host as sent and the parameters sorted by
 * encoded name ({@link #verify}). The signature is the Base64 (standard, padded) HMAC-SHA256 of it.
 *
 * <pre>{@code
 * LandscapeSignature signer = LandscapeSignature.of(accessKeyId, secretKey);
 * Map<String, String> signed = signer.sign("GET", URI.create("https://landscape.example.com/api/"),
 *         Map.of("action", "GetActivityTypes", "version", "2011-08-01"), Instant.now());
 * // server side:
 * boolean ok = LandscapeSignature.verify(secretKey, "GET", host, "/api/", receivedParams);
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} does not show the secret.
 */
public final class LandscapeSignature {
    public static final String ACCESS_KEY_ID = "access_key_id";
    public static final String SIGNATURE = "signature";
    public static final String SIGNATURE_METHOD = "signature_method";
    public static final String SIGNATURE_VERSION = "signature_version";
    public static final String TIMESTAMP = "timestamp";
    public static final String METHOD = "HmacSHA256";
    public static final String VERSION = "2";

    private static final DateTimeFormatter TIMESTAMP_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final String accessKeyId;
    private final String secretKey;

    private LandscapeSignature(String accessKeyId, String secretKey) {
        if (accessKeyId.isEmpty() || secretKey.isEmpty()) {
            throw new IllegalArgumentException("access key id and secret key must not be empty");
        }
        this.accessKeyId = accessKeyId;
        this.secretKey = secretKey;
    }

    /** A signer for this access key. */
    public static LandscapeSignature of(String accessKeyId, String secretKey) {
        return new LandscapeSignature(Objects.requireNonNull(accessKeyId), Objects.requireNonNull(secretKey));
    }

    /** The access key id this signer puts into {@code access_key_id}. */
    public String accessKeyId() {
        return accessKeyId;
    }

    /**
     * {@code params} with {@code access_key_id}, {@code signature_method}, {@code signature_version},
     * {@code timestamp} (from {@code now}, to the second) and finally {@code signature} added, for a request
     * of {@code verb} to {@code endpoint}.
     */
    public Map<String, String> sign(String verb, URI endpoint, Map<String, String> params, Instant now) {
        Map<String, String> signed = new LinkedHashMap<>(params);
        signed.remove(SIGNATURE);
        signed.put(ACCESS_KEY_ID, accessKeyId);
        signed.put(SIGNATURE_METHOD, METHOD);
        signed.put(SIGNATURE_VERSION, VERSION);
        signed.put(TIMESTAMP, formatTimestamp(now));
        signed.put(SIGNATURE, signature(secretKey, verb, hostOf(endpoint), pathOf(endpoint), signed));
        return signed;
    }

    /** The signature of these parameters ({@code signature} itself, if present, is left out). */
    public static String signature(
            String secretKey, String verb, String host, String path, Map<String, String> params) {
        Map<String, String> unsigned = new LinkedHashMap<>(params);
        unsigned.remove(SIGNATURE);
        byte[] mac = hmac(secretKey, stringToSign(verb, host, path, unsigned));
        return Base64.getEncoder().encodeToString(mac);
    }

    /**
     * {@code VERB \n host \n path \n canonical}, where host is lowercased and canonical is {@link
     * LandscapeParams#encode(Map)} (sorted by raw names, as Canonical's client sorts them): what a client signs.
     */
    public static String stringToSign(String verb, String host, String path, Map<String, String> params) {
        return stringToSign(verb, host.toLowerCase(Locale.ROOT), path, params, LandscapeParams.Order.RAW_NAMES);
    }

    /**
     * {@code VERB \n host \n path \n canonical} with {@code host} exactly as given (not lowercased) and the
     * parameters (all but {@code signature}) in {@code order}: the variants a verifier tries.
     */
    public static String stringToSign(
            String verb, String host, String path, Map<String, String> params, LandscapeParams.Order order) {
        Map<String, String> unsigned = new LinkedHashMap<>(params);
        unsigned.remove(SIGNATURE);
        return verb.toUpperCase(Locale.ROOT) + "\n" + host + "\n" + (path.isEmpty() ? "/" : path) + "\n"
                + LandscapeParams.encode(unsigned, order);
    }

    /**
     * Whether {@code params} carry a {@code signature} that matches the others for this request, compared in
     * constant time. Clients differ in two details, and each variant is accepted: the host as sent in the
     * {@code Host} header, lowercased or uppercased (the documentation says lowercase; Canonical's client signs
     * the host as written in its URI, {@code LOCALHOST:8080} included; the uppercase variant is for servers
     * whose HTTP layer hands over a header it has lowercased, as Jetty does for {@code localhost}), and the parameters sorted by raw or by
     * percent-encoded names ({@link LandscapeParams.Order}). Every variant is computed whatever matches, so the
     * time taken does not say which did. Checks only the signature; the caller checks {@code
     * signature_method}, {@code signature_version} and the timestamp window ({@link #timestampWithin}).
     */
    public static boolean verify(String secretKey, String verb, String host, String path, Map<String, String> params) {
        String given = params.get(SIGNATURE);
        if (given == null) {
            return false;
        }
        byte[] givenBytes = given.getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (String h : new String[] {host, host.toLowerCase(Locale.ROOT), host.toUpperCase(Locale.ROOT)}) {
            for (LandscapeParams.Order order : LandscapeParams.Order.values()) {
                byte[] mac = hmac(secretKey, stringToSign(verb, h, path, params, order));
                byte[] expected = Base64.getEncoder().encode(mac);
                match |= MessageDigest.isEqual(expected, givenBytes);
            }
        }
        return match;
    }

    /**
     * Whether the {@code timestamp} parameter is within {@code window} of the clock's now, either way.
     *
     * @throws WireFormatException if it is missing or not {@code YYYY-MM-DDTHH:MM:SSZ}
     */
    public static boolean timestampWithin(Map<String, String> params, Clock clock, Duration window) {
        String text = params.get(TIMESTAMP);
        if (text == null) {
            throw WireFormatException.missing(TIMESTAMP);
        }
        Instant at = parseTimestamp(text);
        return Duration.between(at, clock.instant()).abs().compareTo(window) <= 0;
    }

    /** {@code YYYY-MM-DDTHH:MM:SSZ}, UTC, truncated to the second. */
    public static String formatTimestamp(Instant instant) {
        return TIMESTAMP_FORMAT.format(instant);
    }

    /** An instant from {@code YYYY-MM-DDTHH:MM:SSZ} (fractions of a second accepted). */
    public static Instant parseTimestamp(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw WireFormatException.badValue(TIMESTAMP, text, "expected YYYY-MM-DDTHH:MM:SSZ", e);
        }
    }

    /** The host as signed: lowercase, with {@code :port} only when the URI names a port. */
    public static String hostOf(URI endpoint) {
        String host = Objects.requireNonNull(endpoint.getHost(), () -> "the URI has no host: " + endpoint)
                .toLowerCase(Locale.ROOT);
        return endpoint.getPort() == -1 ? host : host + ":" + endpoint.getPort();
    }

    /** The path as signed: the URI's raw path, {@code /} when empty. */
    public static String pathOf(URI endpoint) {
        String path = endpoint.getRawPath();
        return path == null || path.isEmpty() ? "/" : path;
    }

    private static byte[] hmac(String secretKey, String text) {
        try {
            Mac mac = Mac.getInstance(METHOD);
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), METHOD));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java platform has HmacSHA256, and any non-empty key is valid for it.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "LandscapeSignature[accessKeyId=" + accessKeyId + "]";
    }
}
