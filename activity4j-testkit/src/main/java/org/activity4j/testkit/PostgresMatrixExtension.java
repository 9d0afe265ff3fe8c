package org.activity4j.testkit;

import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The JUnit extension behind {@link PostgresMatrixTest}: one invocation per major version, each with its
 * own database; on {@link PostgresVersions#matrixEnds()} only where the test class is {@link PostgresMatrixEnds}.
 * Use the annotations rather than this class.
 *
 * <p>Stateless and thread-safe.
 */
public final class PostgresMatrixExtension implements TestTemplateInvocationContextProvider {

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod()
                .map(m -> m.isAnnotationPresent(PostgresMatrixTest.class))
                .orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        List<Integer> majors =
                context.getTestClass().filter(PostgresMatrixExtension::endsOnly).isPresent()
                        ? PostgresVersions.matrixEnds()
                        : PostgresVersions.matrix();
        return majors.stream().map(Invocation::new);
    }

    /** Whether the class, a superclass (the annotation is inherited) or an enclosing class asks for the ends. */
    private static boolean endsOnly(Class<?> testClass) {
        for (@Nullable Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
            if (c.isAnnotationPresent(PostgresMatrixEnds.class)) {
                return true;
            }
        }
        return false;
    }

    private static final class Invocation implements TestTemplateInvocationContext {
        private final int major;

        Invocation(int major) {
            this.major = major;
        }

        @Override
        public String getDisplayName(int invocationIndex) {
            return "PostgreSQL " + major;
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new DatabaseParameter(major));
        }
    }

    private static final class DatabaseParameter implements ParameterResolver, AfterEachCallback {
        private static final ExtensionContext.Namespace NAMESPACE =
                ExtensionContext.Namespace.create(DatabaseParameter.class);
        private final int major;

        DatabaseParameter(int major) {
            this.major = major;
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == TestDatabase.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            TestDatabase db = TestPostgres.of(major).createDatabase();
            context.getStore(NAMESPACE).put("db", db);
            return db;
        }

        @Override
        public void afterEach(ExtensionContext context) {
            TestDatabase db = context.getStore(NAMESPACE).remove("db", TestDatabase.class);
            if (db != null) {
                db.close();
            }
        }
    }
}
