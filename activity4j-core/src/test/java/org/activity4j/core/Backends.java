package org.activity4j.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Backends for tests of values; the real ones come from PostgreSQL in testkit's contract tests. */
final class Backends {
    Backend backend(int pid) {
        return new Backend(
                pid,
                Optional.of("db"),
                Optional.of("alice"),
                "",
                Optional.empty(),
                Optional.of("client backend"),
                Optional.of("idle"),
                Optional.empty(),
                Optional.empty(),
                false,
                "",
                Optional.empty(),
                Optional.empty(),
                Instant.EPOCH,
                Optional.empty(),
                Duration.ZERO,
                OptionalInt.empty(),
                OptionalLong.empty(),
                List.of(),
                ProcessStats.unknown());
    }
}
