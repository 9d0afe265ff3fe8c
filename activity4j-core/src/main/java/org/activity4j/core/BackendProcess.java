package org.activity4j.core;

import java.time.Instant;
import java.util.Optional;

/**
 * What a {@link ProcessStatsSource} needs to find a backend's OS process and make sure it is that backend's:
 * the pid as the server reports it, the time the backend started, and, for backends whose start the server
 * hides, the server's start and when the server listed the backend.
 *
 * <p>A process of this host with the pid is the backend when it started with the backend ({@code
 * backendStart}, within a tolerance). When the server hides {@code backend_start} (a role without {@code
 * pg_read_all_stats} looking at another role's backend), a source may still identify the process: it is
 * the backend if it is a child of this server's postmaster (its parent process started at {@code
 * serverStart}, {@code pg_postmaster_start_time()}, which every role can read) and it did not start after
 * {@code listedAt} (the process existed when the server listed the backend with that pid, so it is that
 * backend and not a later process that reused the pid). Without either, the process cannot be checked and is
 * not sampled. A hidden {@code backend_start} stays hidden: {@link Backend#backendStart()} is empty whatever
 * the source finds.
 *
 * <pre>{@code
 * BackendProcess.of(backend.pid(), backend.backendStart().orElseThrow());
 * new BackendProcess(pid, Optional.empty(), Optional.of(serverStart), Optional.of(listedAt));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param pid the backend's process id, as {@code pg_stat_activity.pid} reports it
 * @param backendStart {@code pg_stat_activity.backend_start}; empty when the server hides it
 * @param serverStart {@code pg_postmaster_start_time()}, when known
 * @param listedAt a time at or after the server's read of {@code pg_stat_activity} that listed the backend
 */
public record BackendProcess(
        int pid, Optional<Instant> backendStart, Optional<Instant> serverStart, Optional<Instant> listedAt) {
    public BackendProcess {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be > 0: " + pid);
        }
    }

    /** A backend whose start is known. */
    public BackendProcess(int pid, Instant backendStart) {
        this(pid, Optional.of(backendStart), Optional.empty(), Optional.empty());
    }

    /** A backend whose start is known. */
    public static BackendProcess of(int pid, Instant backendStart) {
        return new BackendProcess(pid, backendStart);
    }
}
