package org.activity4j.agent;

import java.util.List;
import org.activity4j.client.LandscapeClient;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.testkit.ActivityServiceContract;
import org.activity4j.testkit.TestClock;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;

/** {@link LandscapeClient} through the {@link ReferenceAgent} over an in-memory store behaves as the store. */
class LandscapeClientThroughAgentTest extends ActivityServiceContract {
    /** The accounts the kit uses, each with its own access key. */
    private static final List<String> ACCOUNTS = List.of(ActivityStores.DEFAULT_ACCOUNT, "acme", "empty");

    private @Nullable ReferenceAgent agent;

    @Override
    protected ActivityStore newStore(TestClock clock) {
        ActivityStore backing = ActivityStores.inMemory(clock);
        ReferenceAgent.Builder builder = ReferenceAgent.builder().clock(clock).activityStore(backing);
        for (String account : ACCOUNTS) {
            builder.accessKey("KEY-" + account, "secret-of-" + account, account);
        }
        ReferenceAgent started = builder.start();
        agent = started;
        return new RemoteActivityStore(
                backing,
                account -> LandscapeClient.builder(started.landscapeUri())
                        .accessKey("KEY-" + account, "secret-of-" + account)
                        .clock(clock)
                        .build());
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
