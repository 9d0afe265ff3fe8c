package org.activity4j.agent.internal;

import java.util.logging.LogManager;

/**
 * java.util.logging's manager in the runnable agent, so that what the agent logs while it stops on {@code
 * SIGTERM} is not lost: JUL's own shutdown hook resets (closes) every handler, in parallel with the agent's
 * hook, and the lines logged after that vanish. Once the agent runs, {@link #reset()} waits for the agent's hook
 * to call {@link #resetNow()} when it is done. {@link org.activity4j.agent.AgentMain} installs it (the {@code
 * java.util.logging.manager} system property, unless already set) before anything logs.
 */
public final class AgentLogManager extends LogManager {
    private static volatile boolean deferReset;

    /** The manager; JUL makes it. */
    public AgentLogManager() {}

    /** From now on {@link #reset()} (JUL's shutdown hook calls it) does nothing until {@link #resetNow()}. */
    static void deferResetUntilStopped() {
        deferReset = true;
    }

    /** Resets the logging configuration now (flushes and closes the handlers). */
    static void resetNow() {
        deferReset = false;
        LogManager.getLogManager().reset();
    }

    @Override
    public void reset() {
        if (!deferReset) {
            super.reset();
        }
    }
}
