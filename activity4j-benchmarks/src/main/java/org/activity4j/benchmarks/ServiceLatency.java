package org.activity4j.benchmarks;

import java.time.Duration;

/**
 * The time a simulated agent spends before it answers: a sleep, not CPU work, as a real agent's time is
 * mostly waiting (on PostgreSQL, on its 0.1 s {@code /proc} sampling, on the network). Thread-safe; {@link
 * PollingCpuHarness} changes it between runs.
 */
final class ServiceLatency {
    private volatile Duration latency;

    ServiceLatency(Duration latency) {
        this.latency = checked(latency);
    }

    /** From now on, waits {@code latency}. */
    void set(Duration latency) {
        this.latency = checked(latency);
    }

    private static Duration checked(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative: " + latency);
        }
        return latency;
    }

    /** Sleeps for the latency; nothing when it is 0. */
    void await() {
        Duration wait = latency;
        if (wait.isZero()) {
            return;
        }
        try {
            Thread.sleep(wait.toMillis());
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
