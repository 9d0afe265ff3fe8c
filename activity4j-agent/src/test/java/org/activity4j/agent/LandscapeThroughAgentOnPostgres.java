package org.activity4j.agent;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.activity4j.client.LandscapeClient;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.testkit.ActivityServiceContract;
import org.activity4j.testkit.TestClock;
import org.activity4j.testkit.TestDatabase;
import org.activity4j.testkit.TestPostgres;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.Parameter;

/**
 * The activity contract through {@link LandscapeClient} and the {@link ReferenceAgent} over the PostgreSQL
 * store, each test in a fresh schema; subclasses say how the client talks to the agent.
 */
abstract class LandscapeThroughAgentOnPostgres extends ActivityServiceContract {
    private static final Map<Integer, TestDatabase> DATABASES = new ConcurrentHashMap<>();
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static final List<String> ACCOUNTS = List.of(ActivityStores.DEFAULT_ACCOUNT, "acme", "empty");

    @Parameter
    int major;

    private @Nullable ReferenceAgent agent;

    /** The client of {@code account}, whose access key is {@code KEY-<account>} with {@code secret-of-<account>}. */
    abstract LandscapeClient client(URI endpoint, String account, TestClock clock);

    @Override
    protected ActivityStore newStore(TestClock clock) {
        TestDatabase db =
                DATABASES.computeIfAbsent(major, m -> TestPostgres.of(m).createDatabase());
        ActivityStore backing =
                ActivityStores.postgres(db.dataSource(), "through_agent_" + SCHEMAS.incrementAndGet(), clock);
        ReferenceAgent.Builder builder = ReferenceAgent.builder().clock(clock).activityStore(backing);
        for (String account : ACCOUNTS) {
            builder.accessKey("KEY-" + account, "secret-of-" + account, account);
        }
        ReferenceAgent started = builder.start();
        agent = started;
        return new RemoteActivityStore(backing, account -> client(started.landscapeUri(), account, clock));
    }

    @Override
    protected int operationsPerThread() {
        return 100;
    }

    /** Landscape's wire writes times to the second. */
    @Override
    protected java.time.temporal.ChronoUnit timePrecision() {
        return java.time.temporal.ChronoUnit.SECONDS;
    }

    @AfterEach
    void stopAgent() {
        ReferenceAgent a = agent;
        if (a != null) {
            a.close();
        }
    }
}
