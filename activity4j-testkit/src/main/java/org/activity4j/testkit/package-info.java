/**
 * A real PostgreSQL of each major 12 to 18 for tests and demos ({@link org.activity4j.testkit.TestPostgres},
 * {@link org.activity4j.testkit.PostgresMatrixTest}), and the compatibility kits that every implementation's
 * tests extend ({@link org.activity4j.testkit.ActivityServiceContract}, {@link
 * org.activity4j.testkit.BackendInspectorContract}).
 */
@NullMarked
package org.activity4j.testkit;

import org.jspecify.annotations.NullMarked;
