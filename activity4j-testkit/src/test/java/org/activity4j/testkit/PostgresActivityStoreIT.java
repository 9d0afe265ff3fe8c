package org.activity4j.testkit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The PostgreSQL store passes the activity service contract on every major of the test matrix. Each test
 * gets a fresh schema in one database per server.
 */
@ParameterizedClass(name = "PostgreSQL {0}")
@MethodSource("org.activity4j.testkit.PostgresVersions#matrix")
class PostgresActivityStoreIT extends ActivityServiceContract {
    private static final Map<Integer, TestDatabase> DATABASES = new ConcurrentHashMap<>();
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    @Parameter
    int major;

    /** 8 x 400 transactions per server: each opens a connection, so this keeps the matrix quick. */
    @Override
    protected int operationsPerThread() {
        return 400;
    }

    @Override
    protected ActivityStore newStore(TestClock clock) {
        TestDatabase db =
                DATABASES.computeIfAbsent(major, m -> TestPostgres.of(m).createDatabase());
        return ActivityStores.postgres(db.dataSource(), "contract_" + SCHEMAS.incrementAndGet(), clock);
    }
}
