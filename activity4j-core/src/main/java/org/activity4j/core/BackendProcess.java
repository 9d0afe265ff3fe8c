package org.activity4j.core;

import java.time.Instant;

/**
 * What a {@link ProcessStatsSource} needs to find a backend's OS process and make sure it is that
 * backend's: the pid as the server reports it and the time the backend started. A process of this host
 * with the same pid but another start time (or a server on another host) is not the backend. A backend whose
 * start the server hides ({@link Backend#backendStart()} empty) cannot be checked, so it is never sampled.
 *
 * <pre>{@code
 * backend.backendStart().map(start -> new BackendProcess(backend.pid(), start))
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param pid the backend's process id, as {@code pg_stat_activity.pid} reports it
 * @param backendStart {@code pg_stat_activity.backend_start}
 */
public record BackendProcess(int pid, Instant backendStart) {
    public BackendProcess {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be > 0: " + pid);
        }
    }
}
