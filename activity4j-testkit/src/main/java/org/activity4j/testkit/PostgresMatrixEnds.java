package org.activity4j.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs every {@link PostgresMatrixTest} of the annotated class, of its subclasses and of its nested classes
 * on {@link PostgresVersions#matrixEnds()}, the oldest and the newest major of the matrix, instead of every
 * major. For the tests of a layer above activity4j's PostgreSQL classes, whose own tests cover every major:
 *
 * <pre>{@code
 * @PostgresMatrixEnds
 * class MyInspectorIT extends BackendInspectorContract {
 *     @Override
 *     protected BackendInspector inspector(DataSource dataSource) {
 *         return new MyInspector(BackendInspector.postgres(dataSource));
 *     }
 * }
 * }</pre>
 *
 * <p>{@code ACTIVITY4J_PG_EVERY_MAJOR=true} (or {@code -Dactivity4j.pg.every-major=true}) runs them on the whole
 * matrix again.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PostgresMatrixEnds {}
