package org.activity4j.agent.internal;

import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every key of the agent's configuration, with its default (in the same text form as a value) and a line of
 * help; {@code --help} prints them and the README's table lists them. Secret keys are read from the
 * configuration file or from their environment variable, never from a command-line flag (other users of the
 * host see command lines).
 */
public enum ConfigKey {
    LISTEN_ADDRESS("listen.address", "127.0.0.1", "address to listen on (IP address or host name)"),
    LISTEN_PORT("listen.port", "2345", "TCP port; 0 picks a free one"),
    TLS_KEYSTORE("tls.keystore", null, "HTTPS from this PKCS#12 key store (one private key and its chain)"),
    TLS_KEYSTORE_PASSWORD(
            "tls.keystore.password",
            null,
            "password of tls.keystore and of its key",
            "ACTIVITY4J_TLS_KEYSTORE_PASSWORD"),
    TLS_CERTIFICATE("tls.certificate", null, "HTTPS from this PEM certificate chain (the agent's first)"),
    TLS_KEY("tls.key", null, "PEM unencrypted PKCS#8 private key (RSA or EC) of tls.certificate"),
    TEMBOARD_JDBC_URL("temboard.jdbc-url", null, "serve the temBoard API over this PostgreSQL (jdbc:postgresql://...)"),
    TEMBOARD_JDBC_USER("temboard.jdbc-user", null, "user of temboard.jdbc-url (pg_monitor, pg_signal_backend)"),
    TEMBOARD_JDBC_PASSWORD(
            "temboard.jdbc-password", null, "password of temboard.jdbc-user", "ACTIVITY4J_TEMBOARD_JDBC_PASSWORD"),
    TEMBOARD_POOL_SIZE("temboard.pool-size", "4", "connections of the temBoard API's pool, 1 to 100"),
    TEMBOARD_USERS("temboard.users", null, "users file (NAME:HASH lines, see add-user); required with jdbc-url"),
    TEMBOARD_SIGNING_KEY(
            "temboard.signing-key",
            null,
            "also serve temBoard 8+'s signed API to requests this PEM RSA public key signs (the UI's signing.pem)"),
    TEMBOARD_OS_FIGURES("temboard.os-figures", "true", "read CPU, memory and I/O of backends on this host"),
    TEMBOARD_SESSION_TIMEOUT("temboard.session-timeout", "1h", "a session ends after this long unused"),
    TEMBOARD_LOGIN_DELAY("temboard.login-delay", "1s", "every login waits this long (slows password guessing)"),
    LANDSCAPE_KEYS("landscape.keys", null, "serve the Landscape API with the access keys of this file (see add-key)"),
    LANDSCAPE_USERS(
            "landscape.users",
            null,
            "people who log in with email and password (EMAIL:ACCOUNT:HASH lines, see add-landscape-user)"),
    LANDSCAPE_TOKEN_SECRET(
            "landscape.token-secret",
            null,
            "HS256 secret of login tokens, 32+ characters; else random at start (tokens end at restart)",
            "ACTIVITY4J_LANDSCAPE_TOKEN_SECRET"),
    LANDSCAPE_STORE("landscape.store", "memory", "memory (lost on stop) or postgres"),
    LANDSCAPE_JDBC_URL("landscape.jdbc-url", null, "PostgreSQL of landscape.store=postgres"),
    LANDSCAPE_JDBC_USER("landscape.jdbc-user", null, "user of landscape.jdbc-url"),
    LANDSCAPE_JDBC_PASSWORD(
            "landscape.jdbc-password", null, "password of landscape.jdbc-user", "ACTIVITY4J_LANDSCAPE_JDBC_PASSWORD"),
    LANDSCAPE_POOL_SIZE("landscape.pool-size", "4", "connections of the Landscape store's pool, 1 to 100"),
    LANDSCAPE_SCHEMA("landscape.schema", "activity4j", "schema of the PostgreSQL store (created and migrated)"),
    LANDSCAPE_SIGNATURE_WINDOW(
            "landscape.signature-window", "15m", "how far a request's timestamp may be from the clock"),
    SERVER_MAX_THREADS("server.max-threads", "32", "requests served at once, 8 to 10000"),
    SERVER_MAX_QUEUED_REQUESTS("server.max-queued-requests", "256", "requests waiting for a thread, 1 to 1000000"),
    SERVER_ACCEPT_QUEUE_SIZE("server.accept-queue-size", "256", "listen backlog, 1 to 65535"),
    SERVER_IDLE_TIMEOUT("server.idle-timeout", "30s", "a silent connection is closed after this long"),
    SERVER_HEADER_TIMEOUT("server.header-timeout", "10s", "time to send a whole request header (else 408)"),
    SERVER_MAX_HEADER_BYTES("server.max-header-bytes", "8192", "largest request header, 1024 to 65536 (else 431)"),
    SERVER_MAX_HEADER_COUNT("server.max-header-count", "100", "most header fields, 10 to 10000 (else 431)"),
    SHUTDOWN_GRACE("shutdown.grace", "10s", "on SIGTERM, requests in flight get this long to finish");

    private final String key;
    private final @Nullable String defaultValue;
    private final String help;
    private final @Nullable String environmentVariable;

    ConfigKey(String key, @Nullable String defaultValue, String help) {
        this(key, defaultValue, help, null);
    }

    ConfigKey(String key, @Nullable String defaultValue, String help, @Nullable String environmentVariable) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.help = help;
        this.environmentVariable = environmentVariable;
    }

    /** The key as written in the file and after {@code --} in a flag. */
    public String key() {
        return key;
    }

    /** The value used when the key is not given. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** A line of help. */
    public String help() {
        return help;
    }

    /** Whether the value is a secret: never echoed, never taken from a flag. */
    public boolean secret() {
        return environmentVariable != null;
    }

    /** The environment variable a secret may come from instead of the file. */
    public Optional<String> environmentVariable() {
        return Optional.ofNullable(environmentVariable);
    }

    /** The key named {@code key}, if there is one. */
    public static Optional<ConfigKey> named(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
