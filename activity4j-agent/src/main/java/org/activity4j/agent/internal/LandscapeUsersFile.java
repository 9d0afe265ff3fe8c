package org.activity4j.agent.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.activity4j.agent.PasswordHash;

/**
 * The Landscape users file: one {@code EMAIL:ACCOUNT:HASH} line per person who logs in with {@code POST
 * /api/v2/login}, the hash in {@link PasswordHash}'s text form ({@code pbkdf2-sha256$ITERATIONS$SALT$HASH}),
 * {@code #} comment lines and blank lines allowed. A bad line is refused with the file name and line number;
 * the message never quotes the line (it may hold a password written by mistake).
 *
 * <pre>{@code
 * LandscapeUsersFile.put(Path.of("landscape-users"), "jane@example.com", "default", PasswordHash.of(password));
 * Map<String, LandscapeUsersFile.User> people = LandscapeUsersFile.read(Path.of("landscape-users"));
 * }</pre>
 */
public final class LandscapeUsersFile {
    /** Printable ASCII without ':' and space, an '@' inside: what the file can hold unambiguously. */
    private static final Pattern EMAIL =
            Pattern.compile("[\\x21-\\x39\\x3b-\\x3f\\x41-\\x7e]{1,128}@[\\x21-\\x39\\x3b-\\x3f\\x41-\\x7e]{1,125}");

    private static final String SCHEME = "pbkdf2-sha256$";

    private LandscapeUsersFile() {}

    /** A person: the account their token sees and the hash of their password. */
    public record User(String account, PasswordHash hash) {}

    /** Whether {@code email} may be a login of the file: up to 254 printable ASCII characters with one '@'. */
    public static boolean validEmail(String email) {
        return EMAIL.matcher(email).matches();
    }

    /**
     * The people of {@code file} by email, in file order.
     *
     * @throws ConfigException if the file cannot be read or a line is bad
     */
    public static Map<String, User> read(Path file) {
        return parse(file, PrivateFiles.readLines(file, "Landscape users file"));
    }

    /**
     * Adds {@code email} to {@code file} (created if absent), or replaces their account and hash; the other
     * lines, comments included, stay as they are. The file is replaced atomically.
     *
     * @return whether the person was already there
     * @throws IllegalArgumentException if the email or the account cannot be written in the file
     * @throws ConfigException if the existing file has a bad line (it is left alone)
     */
    public static boolean put(Path file, String email, String account, PasswordHash hash) throws IOException {
        if (!validEmail(email)) {
            throw new IllegalArgumentException(
                    "an email is up to 254 printable ASCII characters other than ':' and space, with one '@': "
                            + email);
        }
        if (!KeysFile.validAccount(account)) {
            throw new IllegalArgumentException(
                    "an account is 1 to 128 of A-Z, a-z, 0-9, '.', '_', '@', '-': " + account);
        }
        List<String> lines = Files.exists(file) ? PrivateFiles.readLines(file, "Landscape users file") : List.of();
        boolean present = parse(file, lines).containsKey(email);
        PrivateFiles.write(file, PrivateFiles.putEntry(lines, email, email + ":" + account + ":" + hash.encoded()));
        return present;
    }

    private static Map<String, User> parse(Path file, List<String> lines) {
        Map<String, User> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!PrivateFiles.isEntry(line)) {
                continue;
            }
            String where = file + " line " + (i + 1) + ": ";
            int first = line.indexOf(':');
            int second = first < 0 ? -1 : line.indexOf(':', first + 1);
            if (second < 0) {
                throw new ConfigException(where + "expected EMAIL:ACCOUNT:HASH");
            }
            String email = line.substring(0, first);
            String account = line.substring(first + 1, second);
            String encoded = line.substring(second + 1);
            if (!validEmail(email)) {
                throw new ConfigException(where + "the email is not printable ASCII with one '@' (no ':' or space)");
            }
            if (!KeysFile.validAccount(account)) {
                throw new ConfigException(
                        where + "the account of " + email + " is not 1 to 128 of A-Z, a-z, 0-9, '.', '_', '@', '-'");
            }
            if (!encoded.startsWith(SCHEME)) {
                // Not PasswordHash.parse's message: it would quote the start of what may be a clear password.
                throw new ConfigException(where + "the hash of " + email
                        + " is not pbkdf2-sha256$ITERATIONS$SALT$HASH (add-landscape-user writes it)");
            }
            PasswordHash hash;
            try {
                hash = PasswordHash.parse(encoded);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where + "the hash of " + email + " is malformed: " + e.getMessage(), e);
            }
            if (users.put(email, new User(account, hash)) != null) {
                throw new ConfigException(where + email + " is given twice");
            }
        }
        return users;
    }
}
