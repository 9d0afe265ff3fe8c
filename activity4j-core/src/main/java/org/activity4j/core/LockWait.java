package org.activity4j.core;

import java.util.List;

/**
 * A backend waiting for a lock, with the lock it waits for and the pids that block it (exactly those of
 * {@code pg_blocking_pids}: holders of a conflicting lock and waiters queued ahead with a conflicting mode).
 *
 * <pre>{@code
 * for (LockWait w : inspector.waiting()) {
 *     System.out.println(w.backend().pid() + " waits for " + w.lock().mode() + ", blocked by " + w.blockedBy());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param backend the waiting backend
 * @param lock the lock it waits for ({@code granted} is false)
 * @param blockedBy pids blocking it, ascending; empty in the short moment before PostgreSQL grants the lock
 */
public record LockWait(Backend backend, LockInfo lock, List<Integer> blockedBy) {
    public LockWait {
        blockedBy = List.copyOf(blockedBy);
    }
}
