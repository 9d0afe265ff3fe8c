package org.activity4j.testkit;

import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;

/** The in-memory store passes the activity service contract. */
class InMemoryActivityStoreTest extends ActivityServiceContract {
    @Override
    protected ActivityStore newStore(TestClock clock) {
        return ActivityStores.inMemory(clock);
    }
}
