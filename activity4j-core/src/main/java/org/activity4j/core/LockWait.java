package org.activity4j.core;

import java.util.List;

/**
 * A backend waiting for a lock, with the lock it waits for and who blocks it: the pids of {@code
 * pg_blocking_pids} (holders of a conflicting lock and waiters queued ahead with a conflicting mode), each
 * once (a parallel group counts as its leader), and the prepared transactions that {@code pg_blocking_pids}
 * reports as pid 0.
 *
 * <pre>{@code
 * for (LockWait w : inspector.waiting()) {
 *     System.out.println(w.backend().pid() + " waits for " + w.lock().mode() + ", blocked by " + w.blockedBy()
 *             + " and prepared " + w.blockedByPrepared());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param backend the waiting backend
 * @param lock the lock it waits for ({@code granted} is false)
 * @param blockedBy pids blocking it, ascending, distinct, never 0; empty in the short moment before
 *     PostgreSQL grants the lock
 * @param blockedByPrepared prepared transactions holding a conflicting lock on the object, by gid
 */
public record LockWait(
        Backend backend, LockInfo lock, List<Integer> blockedBy, List<PreparedTransaction> blockedByPrepared) {
    public LockWait {
        blockedBy = List.copyOf(blockedBy);
        blockedByPrepared = List.copyOf(blockedByPrepared);
        for (int pid : blockedBy) {
            if (pid <= 0) {
                throw new IllegalArgumentException("blocker pids must be > 0: " + blockedBy);
            }
        }
    }

    /** A wait blocked by backends only. */
    public LockWait(Backend backend, LockInfo lock, List<Integer> blockedBy) {
        this(backend, lock, blockedBy, List.of());
    }
}
