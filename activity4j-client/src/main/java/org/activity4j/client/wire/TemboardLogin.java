package org.activity4j.client.wire;

/**
 * The body of temBoard's {@code POST /login}: {@code {"username": "alice", "password": "..."}}.
 * {@link #toString()} does not show the password.
 *
 * <pre>{@code
 * String body = TemboardCodec.encodeLogin(new TemboardLogin("alice", secret));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param username the user name (the agent accepts {@code ^[a-z0-9]{3,16}$})
 * @param password the password (the agent accepts 5 to 32 characters)
 */
public record TemboardLogin(String username, String password) {
    @Override
    public String toString() {
        return "TemboardLogin[username=" + username + ", password=***]";
    }
}
