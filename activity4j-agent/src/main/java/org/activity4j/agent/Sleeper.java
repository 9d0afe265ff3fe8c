package org.activity4j.agent;

import java.time.Duration;

/** How the agent waits (the login delay): the real clock in use, a recording one in tests. Thread-safe. */
@FunctionalInterface
interface Sleeper {
    /** {@link Thread#sleep(long, int)}. */
    Sleeper THREAD = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

    /** Waits {@code duration}, which is positive. */
    void sleep(Duration duration) throws InterruptedException;
}
