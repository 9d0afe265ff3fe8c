package org.activity4j.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method once per PostgreSQL major of {@link PostgresVersions#matrix()} (of
 * {@link PostgresVersions#matrixEnds()} in a {@link PostgresMatrixEnds} class), each time with a
 * fresh {@link TestDatabase} parameter on the shared server of that version, dropped afterwards.
 *
 * <pre>{@code
 * @PostgresMatrixTest
 * void listsIdleSessions(TestDatabase db) {
 *     TestSession idle = db.openSession();
 *     ...
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@TestTemplate
@ExtendWith(PostgresMatrixExtension.class)
public @interface PostgresMatrixTest {}
