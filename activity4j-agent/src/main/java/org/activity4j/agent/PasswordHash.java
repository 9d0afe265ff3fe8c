package org.activity4j.agent;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2WithHmacSHA256 hash of a temBoard user's password, as the agent keeps it: never the password
 * itself. Its text form, used in users files ({@link ReferenceAgent.Builder#userWithHash}), is
 *
 * <pre>
 * pbkdf2-sha256$ITERATIONS$SALT$HASH
 * </pre>
 *
 * <p>with the salt (16 bytes or more) and the 32-byte hash in standard Base64 with padding. {@link
 * #of(String)} hashes with {@value #ITERATIONS} iterations (OWASP's figure for this algorithm in 2023).
 *
 * <pre>{@code
 * String line = "alice:" + PasswordHash.of("s3cret-pass").encoded();   // a line of a users file
 * PasswordHash h = PasswordHash.parse(line.substring(line.indexOf(':') + 1));
 * boolean ok = h.matches("s3cret-pass");                                // true
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class PasswordHash {
    /** The iterations {@link #of(String)} uses. */
    public static final int ITERATIONS = 210_000;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final int HASH_BYTES = 32;
    private static final int MIN_SALT_BYTES = 16;
    private static final int MAX_ITERATIONS = 10_000_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes {@code password} with a new random salt. */
    public static PasswordHash of(String password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[MIN_SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(ITERATIONS, salt, pbkdf2(password, salt, ITERATIONS));
    }

    /**
     * Reads the text form {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}.
     *
     * @throws IllegalArgumentException if the text is not of that form; the message quotes at most its scheme
     *     part, never the hash
     */
    public static PasswordHash parse(String encoded) {
        Objects.requireNonNull(encoded, "encoded");
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("a password hash is " + SCHEME
                    + "$ITERATIONS$SALT$HASH; this one starts with '"
                    + (parts[0].length() > 20 ? parts[0].substring(0, 20) + "..." : parts[0]) + "'");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iterations of a password hash are not a number: " + parts[1], e);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS || !parts[1].matches("[0-9]+")) {
            throw new IllegalArgumentException(
                    "the iterations of a password hash must be 1 to " + MAX_ITERATIONS + ": " + parts[1]);
        }
        byte[] salt = base64(parts[2], "salt");
        byte[] hash = base64(parts[3], "hash");
        if (salt.length < MIN_SALT_BYTES) {
            throw new IllegalArgumentException(
                    "the salt of a password hash must be at least " + MIN_SALT_BYTES + " bytes: " + salt.length);
        }
        if (hash.length != HASH_BYTES) {
            throw new IllegalArgumentException(
                    "the hash of a password hash must be " + HASH_BYTES + " bytes: " + hash.length);
        }
        return new PasswordHash(iterations, salt, hash);
    }

    /** The text form, {@code pbkdf2-sha256$ITERATIONS$SALT$HASH}. */
    public String encoded() {
        Base64.Encoder b64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Whether {@code password} hashes to this hash; the comparison takes the same time wherever they differ. */
    public boolean matches(String password) {
        return MessageDigest.isEqual(pbkdf2(password, salt, iterations), hash);
    }

    /** The number of PBKDF2 iterations. */
    public int iterations() {
        return iterations;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PasswordHash other
                && iterations == other.iterations
                && Arrays.equals(salt, other.salt)
                && MessageDigest.isEqual(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return 31 * iterations + Arrays.hashCode(salt);
    }

    /** Says the scheme and iterations only, never the salt or hash. */
    @Override
    public String toString() {
        return "PasswordHash[" + SCHEME + ", " + iterations + " iterations]";
    }

    private static byte[] base64(String text, String what) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the " + what + " of a password hash is not Base64", e);
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            // Every Java 8+ platform has PBKDF2WithHmacSHA256.
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        } finally {
            spec.clearPassword();
        }
    }
}
