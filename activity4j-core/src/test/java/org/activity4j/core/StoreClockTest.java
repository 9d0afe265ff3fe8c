package org.activity4j.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StoreClockTest {

    @Test
    void aStoreRefusesToStampATimeItCannotKeep() {
        ActivityStore store =
                ActivityStores.inMemory(Clock.fixed(Instant.parse("+10000-01-01T00:00:00Z"), ZoneOffset.UTC));
        store.registerPerson(new Person(5, "Jane Doe", "jane@example.com"));

        assertThatThrownBy(() -> store.createActivity(
                        NewActivity.builder("RestartRequest", 5).build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("+10000-01-01T00:00:00Z");
    }
}
