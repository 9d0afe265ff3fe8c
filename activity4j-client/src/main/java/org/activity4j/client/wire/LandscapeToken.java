package org.activity4j.client.wire;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.activity4j.client.internal.Json;
import org.activity4j.client.internal.WireObject;
import org.activity4j.core.JsonValue;
import org.activity4j.core.WireFormatException;

/**
 * The claims of a Landscape JSON Web Token, as Landscape's {@code /api/v2/login} and {@code
 * /api/v2/login/access-key} issue them ({@code {"alg": "HS256", "typ": "JWT"}} and {@code {"exp", "iat", "sub",
 * "acc"}}), with HMAC-SHA256 signing and checking for servers. A client never needs to read a token (it sends
 * it back as {@code Authorization: Bearer}); a server parses what clients send with {@link #verify}, which
 * throws nothing but {@link WireFormatException}.
 *
 * <pre>{@code
 * String jwt = new LandscapeToken("jane@example.com", "standalone", now, now.plus(Duration.ofDays(1))).sign(secret);
 * LandscapeToken back = LandscapeToken.verify(jwt, secret);   // WireFormatException if forged or malformed
 * boolean expired = back.expiresAt().isBefore(Instant.now());
 * }</pre>
 *
 * <p>Immutable and thread-safe. Times are whole seconds (JWT's NumericDate).
 *
 * @param subject {@code sub}: the person's email, or the access key id it logged in with
 * @param account {@code acc}: the account the token is for
 * @param issuedAt {@code iat}
 * @param expiresAt {@code exp}
 */
public record LandscapeToken(String subject, String account, Instant issuedAt, Instant expiresAt) {
    /** The longest token {@link #parse} reads, in characters. */
    public static final int MAX_LENGTH = 8192;

    private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final String ALGORITHM = "HmacSHA256";

    public LandscapeToken {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(account, "account");
        issuedAt = Instant.ofEpochSecond(issuedAt.getEpochSecond());
        expiresAt = Instant.ofEpochSecond(expiresAt.getEpochSecond());
        if (expiresAt.isBefore(issuedAt)) {
            throw new IllegalArgumentException("a token expires after it is issued: " + issuedAt + " > " + expiresAt);
        }
    }

    /** The token as {@code header.payload.signature}, signed with HMAC-SHA256 under {@code secret}. */
    public String sign(byte[] secret) {
        String payload = Json.write(g -> {
            g.writeStartObject();
            g.writeNumberField("exp", expiresAt.getEpochSecond());
            g.writeNumberField("iat", issuedAt.getEpochSecond());
            g.writeStringField("sub", subject);
            g.writeStringField("acc", account);
            g.writeEndObject();
        });
        String signed = base64(HEADER.getBytes(StandardCharsets.UTF_8)) + "."
                + base64(payload.getBytes(StandardCharsets.UTF_8));
        return signed + "." + base64(hmac(secret, signed));
    }

    /**
     * The claims of {@code token} if its signature is HMAC-SHA256 under {@code secret} (compared in constant
     * time); whether it has expired is the caller's to check.
     *
     * @throws WireFormatException if it is malformed ({@link #parse}) or its signature does not match
     */
    public static LandscapeToken verify(String token, byte[] secret) {
        LandscapeToken claims = parse(token);
        int dot = token.lastIndexOf('.');
        byte[] expected = base64(hmac(secret, token.substring(0, dot))).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, token.substring(dot + 1).getBytes(StandardCharsets.UTF_8))) {
            throw WireFormatException.badValue("token", excerpt(token), "the token's signature does not match");
        }
        return claims;
    }

    /**
     * The claims of {@code token}, without checking its signature: three base64url parts without padding, a
     * header {@code {"alg": "HS256", "typ": "JWT"}} ({@code typ} optional), a payload with whole-second numbers
     * {@code exp} and {@code iat} and strings {@code sub} and {@code acc} (other claims are ignored).
     *
     * @throws WireFormatException for anything else, naming the part that is wrong
     */
    public static LandscapeToken parse(String token) {
        if (token.length() > MAX_LENGTH) {
            throw WireFormatException.badValue("token", excerpt(token), "longer than " + MAX_LENGTH + " characters");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw WireFormatException.badValue("token", excerpt(token), "expected three parts separated by '.'");
        }
        WireObject header = WireObject.of("header", Json.parse(decodePart("header", parts[0])));
        String alg = header.requireString("alg");
        if (!alg.equals("HS256")) {
            throw WireFormatException.badValue(header.field("alg"), alg, "only HS256 tokens are accepted");
        }
        header.optionalString("typ").ifPresent(typ -> {
            if (!typ.equals("JWT")) {
                throw WireFormatException.badValue(header.field("typ"), typ, "expected JWT");
            }
        });
        bytesOf("signature", parts[2]);
        WireObject payload = WireObject.of("payload", Json.parse(decodePart("payload", parts[1])));
        Instant issued = seconds(payload, "iat");
        Instant expires = seconds(payload, "exp");
        if (expires.isBefore(issued)) {
            throw WireFormatException.badValue(payload.field("exp"), expires.toString(), "expires before it is issued");
        }
        return new LandscapeToken(payload.requireString("sub"), payload.requireString("acc"), issued, expires);
    }

    private static Instant seconds(WireObject o, String name) {
        JsonValue v = o.get(name);
        long s = WireObject.toLong(o.field(name), v);
        // Instant's range, with room: a NumericDate beyond year 1000000 is nonsense in a login token.
        if (s < 0 || s > 31_556_889_864_403_199L / 1000) {
            throw WireFormatException.badValue(o.field(name), v.toJson(), "not a time in seconds since 1970");
        }
        return Instant.ofEpochSecond(s);
    }

    private static String decodePart(String name, String part) {
        byte[] bytes = bytesOf(name, part);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw WireFormatException.badValue(name, excerpt(part), "not UTF-8", e);
        }
    }

    private static byte[] bytesOf(String name, String part) {
        if (part.isEmpty() || part.indexOf('=') >= 0) {
            throw WireFormatException.badValue(name, excerpt(part), "expected base64url without padding");
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(part);
        } catch (IllegalArgumentException e) {
            throw WireFormatException.badValue(name, excerpt(part), "expected base64url without padding", e);
        }
        if (!base64(bytes).equals(part)) {
            throw WireFormatException.badValue(name, excerpt(part), "not in canonical base64url");
        }
        return bytes;
    }

    private static String excerpt(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "...";
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] hmac(byte[] secret, String text) {
        if (secret.length == 0) {
            throw new IllegalArgumentException("the token secret must not be empty");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
