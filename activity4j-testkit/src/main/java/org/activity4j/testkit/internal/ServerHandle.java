package org.activity4j.testkit.internal;

/** A running PostgreSQL server that a superuser can reach over JDBC. */
public interface ServerHandle {

    /** A JDBC URL of the given database on this server, without user or password. */
    String jdbcUrl(String database);

    /** A superuser of the server. */
    String user();

    /** The superuser's password; empty when the server trusts local connections. */
    String password();

    /** Where the server comes from, for messages and test names. */
    String description();
}
