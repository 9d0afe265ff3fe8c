package org.activity4j.micrometer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.testkit.ActivityServiceContract;
import org.activity4j.testkit.TestClock;

/** A metered in-memory store passes the activity service contract: the decorator changes no behaviour. */
class MeteredActivityStoreContractTest extends ActivityServiceContract {
    @Override
    protected ActivityStore newStore(TestClock clock) {
        return MeteredActivityStore.of(ActivityStores.inMemory(clock), new SimpleMeterRegistry());
    }
}
