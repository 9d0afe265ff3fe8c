package org.activity4j.core;

import java.util.List;

/**
 * A blocker with the lock by which it blocks others on one object, and how: it {@linkplain Kind#HOLDS holds}
 * a granted lock whose mode conflicts with theirs (PostgreSQL's lock conflict table), or it is {@linkplain
 * Kind#QUEUED_AHEAD queued ahead} of them, waiting for a conflicting mode itself. A backend that blocks on
 * two objects, or both ways on one object, has one {@code LockHolder} each.
 *
 * <pre>{@code
 * for (LockHolder h : inspector.blocking()) {
 *     System.out.println(h.blocker().id() + " " + h.kind() + " " + h.lock().mode() + " on "
 *             + h.lock().object() + ", blocks " + h.blocking());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param blocker the blocking backend or prepared transaction
 * @param lock its lock on the object: granted for {@link Kind#HOLDS}, its own request (not granted) for {@link
 *     Kind#QUEUED_AHEAD}
 * @param kind how it blocks
 * @param blocking pids of the backends it blocks by this lock, ascending, never empty
 */
public record LockHolder(Blocker blocker, LockInfo lock, Kind kind, List<Integer> blocking) {

    /** How a blocker blocks. */
    public enum Kind {
        /** It holds a granted lock whose mode conflicts with the waiters' requested mode. */
        HOLDS,
        /** It waits for a mode that conflicts with the waiters' and is ahead of them in the lock's queue. */
        QUEUED_AHEAD
    }

    public LockHolder {
        blocking = List.copyOf(blocking);
        if (blocking.isEmpty()) {
            throw new IllegalArgumentException("a lock holder blocks at least one backend");
        }
        if (lock.granted() != (kind == Kind.HOLDS)) {
            throw new IllegalArgumentException(kind + " needs a lock with granted = " + (kind == Kind.HOLDS));
        }
        if (blocker instanceof Blocker.OfPreparedTransaction && kind != Kind.HOLDS) {
            throw new IllegalArgumentException("a prepared transaction waits for nothing");
        }
    }

    /** A backend blocking by {@code lock}: {@link Kind#HOLDS} when it is granted, else queued ahead. */
    public LockHolder(Backend backend, LockInfo lock, List<Integer> blocking) {
        this(new Blocker.OfBackend(backend), lock, lock.granted() ? Kind.HOLDS : Kind.QUEUED_AHEAD, blocking);
    }
}
