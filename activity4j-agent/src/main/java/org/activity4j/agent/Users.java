package org.activity4j.agent;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * temBoard users with salted PBKDF2WithHmacSHA256 password hashes; the clear password is never kept. An unknown
 * user is checked against a dummy hash so that it takes as long as a known one. Thread-safe.
 */
final class Users {
    private static final int ITERATIONS = 210_000;
    private static final int KEY_BITS = 256;

    private record Hash(byte[] salt, byte[] hash) {}

    private final SecureRandom random;
    private final Map<String, Hash> users = new ConcurrentHashMap<>();
    private final Hash dummy;

    Users(SecureRandom random) {
        this.random = random;
        this.dummy = hash("not a password");
    }

    void add(String username, String password) {
        users.put(username, hash(password));
    }

    boolean isEmpty() {
        return users.isEmpty();
    }

    boolean check(String username, String password) {
        Hash known = users.get(username);
        Hash against = known == null ? dummy : known;
        byte[] given = pbkdf2(password, against.salt());
        return MessageDigest.isEqual(given, against.hash()) && known != null;
    }

    private Hash hash(String password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return new Hash(salt, pbkdf2(password, salt));
    }

    private static byte[] pbkdf2(String password, byte[] salt) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, KEY_BITS);
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
