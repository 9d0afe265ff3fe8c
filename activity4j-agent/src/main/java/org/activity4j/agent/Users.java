package org.activity4j.agent;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * temBoard users with their {@link PasswordHash}es; the clear password is never kept. An unknown user is
 * checked against a dummy hash so that it takes as long as a known one. Thread-safe.
 */
final class Users {
    private final Map<String, PasswordHash> users = new ConcurrentHashMap<>();
    private final PasswordHash dummy = PasswordHash.of("not a password");

    void add(String username, PasswordHash hash) {
        users.put(username, hash);
    }

    boolean isEmpty() {
        return users.isEmpty();
    }

    boolean check(String username, String password) {
        PasswordHash known = users.get(username);
        boolean matches = (known == null ? dummy : known).matches(password);
        return matches && known != null;
    }
}
