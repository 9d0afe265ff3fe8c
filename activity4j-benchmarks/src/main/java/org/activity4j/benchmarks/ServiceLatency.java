package org.activity4j.benchmarks;

import java.time.Duration;

/**
 * The time a simulated agent spends before it answers: a sleep, not CPU work, as a real agent's time is
 * mostly waiting (on PostgreSQL, on its 0.1 s {@code /proc} sampling, on the network). Thread-safe.
 */
final class ServiceLatency {
    private final Duration latency;

    ServiceLatency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        this.latency = latency;
    }

    /** Sleeps for the latency; nothing when it is 0. */
    void await() {
        if (latency.isZero()) {
            return;
        }
        try {
            Thread.sleep(latency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while simulating service latency", e);
        }
    }

    @Override
    public String toString() {
        return latency.toMillis() + " ms";
    }
}
