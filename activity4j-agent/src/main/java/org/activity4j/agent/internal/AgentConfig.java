package org.activity4j.agent.internal;

import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.activity4j.agent.ReferenceAgent;
import org.jspecify.annotations.Nullable;

/**
 * The runnable agent's configuration, read from a properties file ({@code --config FILE}), then flags ({@code
 * --key=value}, which override the file), then the environment (secrets only, see {@link ConfigKey}), and
 * checked as a whole before anything starts: an unknown key, a bad value, a key without the key it depends on
 * or a missing file is a {@link ConfigException} that names the key and the value (or the file), never a
 * secret.
 *
 * <p>The temBoard API is served when {@code temboard.jdbc-url} is given, the Landscape API when {@code
 * landscape.keys} is given; at least one must be. Relative paths in the file are resolved against the file's
 * directory, those of flags against the working directory.
 *
 * <pre>{@code
 * AgentConfig config = AgentConfig.load(Optional.of(Path.of("agent.properties")), Map.of("listen.port", "0"), System.getenv());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class AgentConfig {
    private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    /** Where the key and certificate of HTTPS come from. */
    public sealed interface Tls permits KeyStoreTls, PemTls {}

    /** A PKCS#12 key store and its password. */
    public record KeyStoreTls(Path keyStore, String password) implements Tls {
        @Override
        public String toString() {
            return "PKCS#12 key store " + keyStore;
        }
    }

    /** A PEM certificate chain and a PEM PKCS#8 private key. */
    public record PemTls(Path certificate, Path key) implements Tls {
        @Override
        public String toString() {
            return "PEM files " + certificate + " and " + key;
        }
    }

    /** A PostgreSQL to pool connections to. */
    public record Jdbc(String url, Optional<String> user, Optional<String> password, int poolSize) {
        /** The URL with any {@code password=} parameter masked, for messages and logs. */
        public String safeUrl() {
            return url.replaceAll("(?i)(password=)[^&]*", "$1***");
        }

        @Override
        public String toString() {
            return safeUrl() + user.map(u -> " as " + u).orElse("") + " (pool of " + poolSize + ")";
        }
    }

    /** The temBoard API's settings. */
    public record Temboard(
            Jdbc jdbc,
            Path users,
            Optional<Path> signingKey,
            boolean osFigures,
            Duration sessionTimeout,
            Duration loginDelay) {}

    /**
     * The Landscape API's settings; {@code postgres} is empty for the in-memory store, {@code tokenSecret} when
     * the agent draws its own at start.
     */
    public record Landscape(
            Path keys,
            Optional<Path> users,
            Optional<String> tokenSecret,
            Optional<Jdbc> postgres,
            String schema,
            Duration signatureWindow) {
        /** Never shows the secret. */
        @Override
        public String toString() {
            return "Landscape[keys=" + keys + ", users=" + users + ", tokenSecret="
                    + tokenSecret.map(t -> "(given, not shown)").orElse("(random at start)") + ", postgres="
                    + postgres + ", schema=" + schema + ", signatureWindow=" + signatureWindow + "]";
        }
    }

    /** The HTTP server's limits, as {@link ReferenceAgent.Builder} takes them. */
    public record Limits(
            int maxThreads,
            int maxQueuedRequests,
            int acceptQueueSize,
            Duration idleTimeout,
            Duration headerTimeout,
            int maxHeaderBytes,
            int maxHeaderCount) {}

    private final InetAddress address;
    private final int port;
    private final Optional<Tls> tls;
    private final Optional<Temboard> temboard;
    private final Optional<Landscape> landscape;
    private final Limits limits;
    private final Duration shutdownGrace;

    private AgentConfig(Reader r) {
        ReferenceAgent.Builder probe = ReferenceAgent.builder();
        this.address = r.get(ConfigKey.LISTEN_ADDRESS, AgentConfig::address);
        this.port = r.get(ConfigKey.LISTEN_PORT, text -> {
            int p = ConfigValues.integer(text);
            probe.port(p);
            return p;
        });
        this.tls = tls(r);
        this.temboard = temboard(r, probe);
        this.landscape = landscape(r, probe);
        if (temboard.isEmpty() && landscape.isEmpty()) {
            throw new ConfigException("nothing to serve: give " + ConfigKey.TEMBOARD_JDBC_URL.key()
                    + " (the temBoard API), " + ConfigKey.LANDSCAPE_KEYS.key() + " (the Landscape API) or both");
        }
        this.limits = new Limits(
                r.get(ConfigKey.SERVER_MAX_THREADS, t -> probeInt(t, probe::maxThreads)),
                r.get(ConfigKey.SERVER_MAX_QUEUED_REQUESTS, t -> probeInt(t, probe::maxQueuedRequests)),
                r.get(ConfigKey.SERVER_ACCEPT_QUEUE_SIZE, t -> probeInt(t, probe::acceptQueueSize)),
                r.get(ConfigKey.SERVER_IDLE_TIMEOUT, t -> probeDuration(t, probe::idleTimeout)),
                r.get(ConfigKey.SERVER_HEADER_TIMEOUT, t -> probeDuration(t, probe::headerTimeout)),
                r.get(ConfigKey.SERVER_MAX_HEADER_BYTES, t -> probeInt(t, probe::maxHeaderBytes)),
                r.get(ConfigKey.SERVER_MAX_HEADER_COUNT, t -> probeInt(t, probe::maxHeaderCount)));
        this.shutdownGrace = r.get(ConfigKey.SHUTDOWN_GRACE, ConfigValues::duration);
    }

    /**
     * Reads and checks a configuration.
     *
     * @param file the properties file, if any (UTF-8; a key given twice is refused)
     * @param flags keys and values of {@code --key=value} flags; secret keys are refused here
     * @param environment the process environment, for the secrets' variables
     * @throws ConfigException if anything is wrong, naming the key and value or the file
     */
    public static AgentConfig load(Optional<Path> file, Map<String, String> flags, Map<String, String> environment) {
        Map<ConfigKey, Entry> entries = new EnumMap<>(ConfigKey.class);
        if (file.isPresent()) {
            Path f = file.get();
            Path base = Objects.requireNonNullElse(f.toAbsolutePath().getParent(), Path.of(""));
            for (Map.Entry<String, String> e : readProperties(f).entrySet()) {
                ConfigKey key = known(e.getKey(), f.toString());
                entries.put(key, new Entry(e.getValue(), f.toString(), base));
            }
        }
        for (Map.Entry<String, String> e : flags.entrySet()) {
            ConfigKey key = known(e.getKey(), "the command line");
            if (key.secret()) {
                throw new ConfigException("--" + key.key() + " is refused on the command line, where other users"
                        + " of the host can read it: put it in the configuration file or in the environment"
                        + " variable " + key.environmentVariable().orElseThrow());
            }
            entries.put(key, new Entry(e.getValue(), "flag --" + key.key(), Path.of("")));
        }
        for (ConfigKey key : ConfigKey.values()) {
            Optional<String> variable = key.environmentVariable();
            if (variable.isEmpty()) {
                continue;
            }
            String value = environment.get(variable.get());
            if (value != null) {
                Entry given = entries.get(key);
                if (given != null) {
                    throw new ConfigException(key.key() + " is given both in " + given.origin
                            + " and in the environment variable " + variable.get() + ": give it once");
                }
                entries.put(key, new Entry(value, "environment variable " + variable.get(), Path.of("")));
            }
        }
        Reader reader = new Reader(entries);
        AgentConfig config = new AgentConfig(reader);
        reader.refuseUnused();
        return config;
    }

    /** The address to listen on. */
    public InetAddress address() {
        return address;
    }

    /** The port to listen on; 0 picks a free one. */
    public int port() {
        return port;
    }

    /** HTTPS settings; empty for plain HTTP. */
    public Optional<Tls> tls() {
        return tls;
    }

    /** The temBoard API's settings, if it is served. */
    public Optional<Temboard> temboard() {
        return temboard;
    }

    /** The Landscape API's settings, if it is served. */
    public Optional<Landscape> landscape() {
        return landscape;
    }

    /** The HTTP server's limits. */
    public Limits limits() {
        return limits;
    }

    /** How long requests in flight may take to finish on {@code SIGTERM}. */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    private static Optional<Tls> tls(Reader r) {
        Optional<Path> keyStore = r.optionalPath(ConfigKey.TLS_KEYSTORE);
        Optional<String> password = r.optional(ConfigKey.TLS_KEYSTORE_PASSWORD, Function.identity());
        Optional<Path> certificate = r.optionalPath(ConfigKey.TLS_CERTIFICATE);
        Optional<Path> key = r.optionalPath(ConfigKey.TLS_KEY);
        if (keyStore.isPresent()) {
            if (certificate.isPresent() || key.isPresent()) {
                throw new ConfigException("give either " + ConfigKey.TLS_KEYSTORE.key() + " or "
                        + ConfigKey.TLS_CERTIFICATE.key() + " and " + ConfigKey.TLS_KEY.key() + ", not both");
            }
            return Optional.of(new KeyStoreTls(
                    keyStore.get(), password.orElseThrow(() -> r.needs(ConfigKey.TLS_KEYSTORE_PASSWORD))));
        }
        r.requireAbsent(ConfigKey.TLS_KEYSTORE_PASSWORD, ConfigKey.TLS_KEYSTORE);
        if (certificate.isPresent() != key.isPresent()) {
            throw new ConfigException(ConfigKey.TLS_CERTIFICATE.key() + " and " + ConfigKey.TLS_KEY.key()
                    + " go together: give both or neither");
        }
        return certificate.map(c -> new PemTls(c, key.orElseThrow()));
    }

    private static Optional<Temboard> temboard(Reader r, ReferenceAgent.Builder probe) {
        Optional<String> url = r.optional(ConfigKey.TEMBOARD_JDBC_URL, AgentConfig::jdbcUrl);
        if (url.isEmpty()) {
            r.requireAbsent(ConfigKey.TEMBOARD_JDBC_URL, "temboard.");
            return Optional.empty();
        }
        Jdbc jdbc = new Jdbc(
                url.get(),
                r.optional(ConfigKey.TEMBOARD_JDBC_USER, AgentConfig::nonEmpty),
                r.optional(ConfigKey.TEMBOARD_JDBC_PASSWORD, Function.identity()),
                r.get(ConfigKey.TEMBOARD_POOL_SIZE, AgentConfig::poolSize));
        Path users = r.optionalPath(ConfigKey.TEMBOARD_USERS).orElseThrow(() -> r.needs(ConfigKey.TEMBOARD_USERS));
        return Optional.of(new Temboard(
                jdbc,
                users,
                r.optionalPath(ConfigKey.TEMBOARD_SIGNING_KEY),
                r.get(ConfigKey.TEMBOARD_OS_FIGURES, ConfigValues::bool),
                r.get(ConfigKey.TEMBOARD_SESSION_TIMEOUT, t -> probeDuration(t, probe::sessionTimeout)),
                r.get(ConfigKey.TEMBOARD_LOGIN_DELAY, t -> probeDuration(t, probe::loginDelay))));
    }

    private static Optional<Landscape> landscape(Reader r, ReferenceAgent.Builder probe) {
        Optional<Path> keys = r.optionalPath(ConfigKey.LANDSCAPE_KEYS);
        if (keys.isEmpty()) {
            r.requireAbsent(ConfigKey.LANDSCAPE_KEYS, "landscape.");
            return Optional.empty();
        }
        boolean postgres = r.get(ConfigKey.LANDSCAPE_STORE, text -> {
            switch (text) {
                case "memory":
                    return false;
                case "postgres":
                    return true;
                default:
                    throw new IllegalArgumentException("not memory or postgres");
            }
        });
        Optional<Jdbc> jdbc = Optional.empty();
        String schema = r.get(ConfigKey.LANDSCAPE_SCHEMA, text -> {
            if (!SCHEMA.matcher(text).matches()) {
                throw new IllegalArgumentException("not a schema name (lowercase letters, digits and _, at most 63)");
            }
            return text;
        });
        if (postgres) {
            jdbc = Optional.of(new Jdbc(
                    r.optional(ConfigKey.LANDSCAPE_JDBC_URL, AgentConfig::jdbcUrl)
                            .orElseThrow(() -> new ConfigException(ConfigKey.LANDSCAPE_STORE.key() + "=postgres needs "
                                    + ConfigKey.LANDSCAPE_JDBC_URL.key())),
                    r.optional(ConfigKey.LANDSCAPE_JDBC_USER, AgentConfig::nonEmpty),
                    r.optional(ConfigKey.LANDSCAPE_JDBC_PASSWORD, Function.identity()),
                    r.get(ConfigKey.LANDSCAPE_POOL_SIZE, AgentConfig::poolSize)));
        } else {
            for (ConfigKey k : List.of(
                    ConfigKey.LANDSCAPE_JDBC_URL,
                    ConfigKey.LANDSCAPE_JDBC_USER,
                    ConfigKey.LANDSCAPE_JDBC_PASSWORD,
                    ConfigKey.LANDSCAPE_POOL_SIZE,
                    ConfigKey.LANDSCAPE_SCHEMA)) {
                if (r.given(k)) {
                    throw new ConfigException(k.key() + " is only for " + ConfigKey.LANDSCAPE_STORE.key()
                            + "=postgres, and the store is memory");
                }
            }
        }
        Optional<Path> users = r.optionalPath(ConfigKey.LANDSCAPE_USERS);
        Optional<String> tokenSecret = r.optional(ConfigKey.LANDSCAPE_TOKEN_SECRET, text -> {
            if (text.getBytes(StandardCharsets.UTF_8).length < ReferenceAgent.MIN_TOKEN_SECRET_BYTES) {
                throw new IllegalArgumentException(
                        "shorter than " + ReferenceAgent.MIN_TOKEN_SECRET_BYTES + " bytes (UTF-8)");
            }
            return text;
        });
        return Optional.of(new Landscape(
                keys.get(),
                users,
                tokenSecret,
                jdbc,
                schema,
                r.get(ConfigKey.LANDSCAPE_SIGNATURE_WINDOW, t -> probeDuration(t, probe::signatureWindow))));
    }

    private static InetAddress address(String text) {
        if (text.isEmpty() || !text.strip().equals(text)) {
            throw new IllegalArgumentException("not an address");
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unknown host", e);
        }
    }

    private static String jdbcUrl(String text) {
        if (!text.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DATABASE)");
        }
        return text;
    }

    private static String nonEmpty(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty");
        }
        return text;
    }

    private static int poolSize(String text) {
        int n = ConfigValues.integer(text);
        if (n < 1 || n > 100) {
            throw new IllegalArgumentException("not 1 to 100");
        }
        return n;
    }

    private static int probeInt(String text, Consumer<Integer> setter) {
        int n = ConfigValues.integer(text);
        setter.accept(n);
        return n;
    }

    private static Duration probeDuration(String text, Consumer<Duration> setter) {
        Duration d = ConfigValues.duration(text);
        setter.accept(d);
        return d;
    }

    private static ConfigKey known(String key, String where) {
        return ConfigKey.named(key)
                .orElseThrow(() ->
                        new ConfigException("unknown key '" + key + "' in " + where + " (--help lists the keys)"));
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new DuplicateRefusingProperties(file);
        try (java.io.Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new ConfigException("cannot read the configuration file " + file + ": " + e, e);
        } catch (IllegalArgumentException e) {
            if (e instanceof ConfigException) {
                throw e;
            }
            throw new ConfigException(
                    "the configuration file " + file + " is not a properties file: " + e.getMessage(), e);
        }
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            values.put(name, properties.getProperty(name));
        }
        return values;
    }

    private record Entry(String value, String origin, Path base) {}

    /** Reads keys once each, so that the keys nothing read can be refused. */
    private static final class Reader {
        private final Map<ConfigKey, Entry> entries;
        private final List<ConfigKey> read = new ArrayList<>();

        Reader(Map<ConfigKey, Entry> entries) {
            this.entries = entries;
        }

        <T> T get(ConfigKey key, Function<String, T> parse) {
            Entry e = entries.get(key);
            String value = e == null ? key.defaultValue().orElseThrow() : e.value;
            read.add(key);
            return parse(key, e, value, parse);
        }

        <T> Optional<T> optional(ConfigKey key, Function<String, T> parse) {
            Entry e = entries.get(key);
            read.add(key);
            return e == null ? Optional.empty() : Optional.of(parse(key, e, e.value, parse));
        }

        Optional<Path> optionalPath(ConfigKey key) {
            Entry e = entries.get(key);
            return optional(key, text -> {
                if (text.isEmpty()) {
                    throw new IllegalArgumentException("an empty path");
                }
                Path p = Path.of(text);
                return e == null || p.isAbsolute() ? p : e.base.resolve(p);
            });
        }

        boolean given(ConfigKey key) {
            return entries.containsKey(key);
        }

        ConfigException needs(ConfigKey missing) {
            return new ConfigException("missing " + missing.key() + " (--help lists the keys)");
        }

        void requireAbsent(ConfigKey key, ConfigKey needed) {
            if (given(key)) {
                throw new ConfigException(key.key() + " is given without " + needed.key());
            }
        }

        /** Refuses every key under {@code prefix} when {@code enabling} is absent. */
        void requireAbsent(ConfigKey enabling, String prefix) {
            for (ConfigKey k : entries.keySet()) {
                if (k.key().startsWith(prefix)) {
                    throw new ConfigException(k.key() + " is given without " + enabling.key());
                }
            }
        }

        void refuseUnused() {
            for (ConfigKey k : entries.keySet()) {
                if (!read.contains(k)) {
                    throw new ConfigException(k.key() + " is given but not used");
                }
            }
        }

        private <T> T parse(ConfigKey key, @Nullable Entry e, String value, Function<String, T> parse) {
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException ex) {
                if (ex instanceof ConfigException) {
                    throw ex;
                }
                String shown = key.secret() ? "(a secret, not shown)" : "'" + value + "'";
                String where = e == null ? "the default" : e.origin;
                throw new ConfigException(
                        "bad value of " + key.key() + " in " + where + ": " + shown + ": " + ex.getMessage(), ex);
            }
        }
    }

    /** Properties that refuse a key given twice (java.util.Properties keeps the last silently). */
    private static final class DuplicateRefusingProperties extends Properties {
        private static final long serialVersionUID = 1L;
        private final transient Path file;

        DuplicateRefusingProperties(Path file) {
            this.file = file;
        }

        @Override
        public synchronized @Nullable Object put(Object key, Object value) {
            if (containsKey(key)) {
                throw new ConfigException("the key '" + key + "' is given twice in " + file);
            }
            return super.put(key, value);
        }
    }
}
