package org.activity4j.testkit.internal;

import java.net.URI;
import java.util.Optional;

/**
 * A server given by a JDBC URL ({@code jdbc:postgresql://host:port/database?user=..&password=..}). The user
 * and password come from the URL's parameters or from {@code ACTIVITY4J_PG_USER} and
 * {@code ACTIVITY4J_PG_PASSWORD}.
 */
public final class ExplicitServer implements ServerHandle {
    private static final String PREFIX = "jdbc:postgresql://";

    private final String authority;
    private final String user;
    private final String password;
    private final String source;

    private ExplicitServer(String authority, String user, String password, String source) {
        this.authority = authority;
        this.user = user;
        this.password = password;
        this.source = source;
    }

    /** Parses {@code url}; {@code source} names where it came from (the variable), for messages. */
    public static ExplicitServer parse(String url, String source) {
        if (!url.startsWith(PREFIX)) {
            throw new IllegalArgumentException(source + " must start with " + PREFIX + ": " + url);
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        if (uri.getRawAuthority() == null) {
            throw new IllegalArgumentException(source + " has no host: " + url);
        }
        String user = parameter(uri, "user")
                .or(() -> Settings.get("activity4j.pg.user", "ACTIVITY4J_PG_USER"))
                .orElse("postgres");
        String password = parameter(uri, "password")
                .or(() -> Settings.get("activity4j.pg.password", "ACTIVITY4J_PG_PASSWORD"))
                .orElse("");
        return new ExplicitServer(uri.getRawAuthority(), user, password, source);
    }

    private static Optional<String> parameter(URI uri, String name) {
        String query = uri.getQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(pair.substring(eq + 1));
            }
        }
        return Optional.empty();
    }

    @Override
    public String jdbcUrl(String database) {
        return PREFIX + authority + "/" + database;
    }

    @Override
    public String user() {
        return user;
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public String description() {
        return "server at " + authority + " (" + source + ")";
    }
}
