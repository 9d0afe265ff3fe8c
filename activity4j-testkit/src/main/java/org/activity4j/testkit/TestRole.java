package org.activity4j.testkit;

/**
 * A login role created by {@link TestDatabase#createRole(String...)}.
 *
 * <pre>{@code
 * TestRole monitor = db.createRole("pg_monitor");
 * DataSource ds = db.dataSource(monitor);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the role name
 * @param password its password
 */
public record TestRole(String name, String password) {
    public TestRole {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty");
        }
    }

    @Override
    public String toString() {
        return "TestRole[" + name + "]";
    }
}
