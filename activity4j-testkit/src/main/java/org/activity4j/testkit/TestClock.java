package org.activity4j.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock for tests that stands still until told to move, in whole microseconds (what PostgreSQL keeps).
 *
 * <pre>{@code
 * TestClock clock = TestClock.at("2024-05-01T10:00:00Z");
 * ActivityStore store = ActivityStores.inMemory(clock);
 * clock.advance(Duration.ofMinutes(5));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class TestClock extends Clock {
    private volatile Instant now;

    private TestClock(Instant start) {
        this.now = start;
    }

    /** A clock that reads {@code instant} (ISO-8601, e.g. {@code 2024-05-01T10:00:00Z}). */
    public static TestClock at(String instant) {
        return new TestClock(Instant.parse(instant));
    }

    /** Moves the clock forward. */
    public TestClock advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a TestClock only moves forward: " + duration);
        }
        synchronized (this) {
            now = now.plus(duration);
        }
        return this;
    }

    /** Sets the clock to an instant. */
    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(ZoneOffset.UTC)) {
            return this;
        }
        throw new IllegalArgumentException("a TestClock is always UTC, not " + zone);
    }
}
