package org.activity4j.core;

import java.time.Duration;
import java.time.Instant;

/** Backends for tests of values; the real ones come from PostgreSQL in testkit's contract tests. */
final class Backends {
    Backend backend(int pid) {
        return Backend.builder(pid)
                .database("db")
                .user("alice")
                .backendType("client backend")
                .state("idle")
                .backendStart(Instant.EPOCH)
                .duration(Duration.ZERO)
                .build();
    }
}
