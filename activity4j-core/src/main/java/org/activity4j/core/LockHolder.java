package org.activity4j.core;

import java.util.List;

/**
 * A backend that blocks others, with the lock by which it blocks them: a lock it holds, or (when it is
 * itself queued ahead of them with a conflicting mode) a lock it waits for.
 *
 * <pre>{@code
 * for (LockHolder h : inspector.blocking()) {
 *     System.out.println(h.backend().pid() + " holds " + h.lock().mode() + ", blocks " + h.blocking());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param backend the blocking backend
 * @param lock its lock on the object the blocked backends wait for
 * @param blocking pids of the backends it blocks by this lock, ascending, never empty
 */
public record LockHolder(Backend backend, LockInfo lock, List<Integer> blocking) {
    public LockHolder {
        blocking = List.copyOf(blocking);
        if (blocking.isEmpty()) {
            throw new IllegalArgumentException("a lock holder blocks at least one backend");
        }
    }
}
