package org.activity4j.agent.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Landscape access keys file: one {@code KEY_ID:SECRET:ACCOUNT} line per key, {@code #} comment lines
 * and blank lines allowed. The secret is kept in clear because Landscape's signature (HMAC-SHA256 of the
 * request) needs it: the file must be readable by the agent only. A bad line is refused with the file name and
 * line number; the message never quotes the line (it holds a secret).
 *
 * <pre>{@code
 * KeysFile.AccessKey key = KeysFile.add(Path.of("keys"), "default", new SecureRandom());
 * List<KeysFile.AccessKey> keys = KeysFile.read(Path.of("keys"));
 * }</pre>
 */
public final class KeysFile {
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern SECRET = Pattern.compile("[\\x21-\\x39\\x3b-\\x7e]{1,256}");
    private static final Pattern ACCOUNT = Pattern.compile("[A-Za-z0-9._@-]{1,128}");
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String ALNUM = UPPER + "abcdefghijklmnopqrstuvwxyz";

    private KeysFile() {}

    /** An access key: its id, its secret and the account it sees. */
    public record AccessKey(String keyId, String secret, String account) {
        /** Checks the parts as the file's lines are checked. */
        public AccessKey {
            if (!KEY_ID.matcher(keyId).matches()) {
                throw new IllegalArgumentException("a key id is 1 to 128 of A-Z, a-z, 0-9, '.', '_', '-'");
            }
            if (!SECRET.matcher(secret).matches()) {
                throw new IllegalArgumentException(
                        "a secret is 1 to 256 printable ASCII characters other than ':' and space");
            }
            if (!validAccount(account)) {
                throw new IllegalArgumentException(
                        "an account is 1 to 128 of A-Z, a-z, 0-9, '.', '_', '@', '-': " + account);
            }
        }

        /** Names the key and the account, never the secret. */
        @Override
        public String toString() {
            return "AccessKey[" + keyId + " for account " + account + "]";
        }
    }

    /** Whether {@code account} may be an account of the file. */
    public static boolean validAccount(String account) {
        return ACCOUNT.matcher(account).matches();
    }

    /**
     * The keys of {@code file}, in file order.
     *
     * @throws ConfigException if the file cannot be read or a line is bad
     */
    public static List<AccessKey> read(Path file) {
        return parse(file, PrivateFiles.readLines(file, "keys file"));
    }

    /**
     * Appends a new key for {@code account} to {@code file} (created if absent), with a random 20-character
     * key id and 40-character secret; the file is replaced atomically.
     *
     * @throws ConfigException if the existing file has a bad line (it is left alone)
     */
    public static AccessKey add(Path file, String account, SecureRandom random) throws IOException {
        List<String> lines =
                new ArrayList<>(Files.exists(file) ? PrivateFiles.readLines(file, "keys file") : List.of());
        Set<String> ids = new LinkedHashSet<>();
        parse(file, lines).forEach(k -> ids.add(k.keyId()));
        AccessKey key;
        do {
            key = new AccessKey(random(random, UPPER, 20), random(random, ALNUM, 40), account);
        } while (ids.contains(key.keyId()));
        lines.add(key.keyId() + ":" + key.secret() + ":" + key.account());
        PrivateFiles.write(file, lines);
        return key;
    }

    private static List<AccessKey> parse(Path file, List<String> lines) {
        List<AccessKey> keys = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!PrivateFiles.isEntry(line)) {
                continue;
            }
            String where = file + " line " + (i + 1) + ": ";
            List<String> parts = fields(line);
            if (parts.size() != 3) {
                throw new ConfigException(
                        where + "expected KEY_ID:SECRET:ACCOUNT (3 fields separated by ':'), found " + parts.size());
            }
            AccessKey key;
            try {
                key = new AccessKey(parts.get(0), parts.get(1), parts.get(2));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where + e.getMessage(), e);
            }
            if (!ids.add(key.keyId())) {
                throw new ConfigException(where + "key id " + key.keyId() + " is given twice");
            }
            keys.add(key);
        }
        return keys;
    }

    private static List<String> fields(String line) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int colon = line.indexOf(':'); colon >= 0; colon = line.indexOf(':', start)) {
            parts.add(line.substring(start, colon));
            start = colon + 1;
        }
        parts.add(line.substring(start));
        return parts;
    }

    private static String random(SecureRandom random, String alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
