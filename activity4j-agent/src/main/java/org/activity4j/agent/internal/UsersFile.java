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
 * The temBoard users file: one {@code NAME:HASH} line per user, the hash in {@link PasswordHash}'s text form
 * ({@code pbkdf2-sha256$ITERATIONS$SALT$HASH}), {@code #} comment lines and blank lines allowed. A bad line is
 * refused with the file name and line number; the message never quotes the line (it may hold a password
 * written by mistake).
 *
 * <pre>{@code
 * UsersFile.put(Path.of("users"), "alice", PasswordHash.of(password));
 * Map<String, PasswordHash> users = UsersFile.read(Path.of("users"));
 * }</pre>
 */
public final class UsersFile {
    private static final Pattern NAME = Pattern.compile("[a-z0-9]{3,16}");
    private static final String SCHEME = "pbkdf2-sha256$";

    private UsersFile() {}

    /** Whether {@code name} is a temBoard user name: 3 to 16 of a-z and 0-9. */
    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * The users of {@code file}, in file order.
     *
     * @throws ConfigException if the file cannot be read or a line is bad
     */
    public static Map<String, PasswordHash> read(Path file) {
        return parse(file, PrivateFiles.readLines(file, "users file"));
    }

    /**
     * Adds {@code name} with {@code hash} to {@code file} (created if absent), or replaces its hash; the other
     * lines, comments included, stay as they are. The file is replaced atomically.
     *
     * @return whether the user was already there
     * @throws ConfigException if the existing file has a bad line (it is left alone)
     */
    public static boolean put(Path file, String name, PasswordHash hash) throws IOException {
        if (!validName(name)) {
            throw new IllegalArgumentException("a user name is 3 to 16 of a-z and 0-9: " + name);
        }
        List<String> lines = Files.exists(file) ? PrivateFiles.readLines(file, "users file") : List.of();
        boolean present = parse(file, lines).containsKey(name);
        PrivateFiles.write(file, PrivateFiles.putEntry(lines, name, name + ":" + hash.encoded()));
        return present;
    }

    private static Map<String, PasswordHash> parse(Path file, List<String> lines) {
        Map<String, PasswordHash> users = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!PrivateFiles.isEntry(line)) {
                continue;
            }
            String where = file + " line " + (i + 1) + ": ";
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new ConfigException(where + "expected NAME:HASH (no ':' found)");
            }
            String name = line.substring(0, colon);
            String encoded = line.substring(colon + 1);
            if (!validName(name)) {
                throw new ConfigException(where + "the user name is not 3 to 16 of a-z and 0-9");
            }
            if (!encoded.startsWith(SCHEME)) {
                // Not PasswordHash.parse's message: it would quote the start of what may be a clear password.
                throw new ConfigException(where + "the hash of user " + name
                        + " is not pbkdf2-sha256$ITERATIONS$SALT$HASH (add-user writes it)");
            }
            PasswordHash hash;
            try {
                hash = PasswordHash.parse(encoded);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where + "the hash of user " + name + " is malformed: " + e.getMessage(), e);
            }
            if (users.put(name, hash) != null) {
                throw new ConfigException(where + "user " + name + " is given twice");
            }
        }
        return users;
    }
}
