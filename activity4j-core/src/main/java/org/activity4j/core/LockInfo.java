package org.activity4j.core;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One heavyweight lock as {@code pg_locks} shows it.
 *
 * <pre>{@code
 * LockInfo lock = wait.lock();
 * lock.type();      // "transactionid", "relation", "advisory", "virtualxid", ...
 * lock.mode();      // "ShareLock", "AccessExclusiveLock", ...
 * lock.relation();  // Optional["public.accounts"] for relation locks in the inspected database
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param type {@code pg_locks.locktype}
 * @param mode lock mode, e.g. {@code ShareLock}
 * @param granted whether the lock is held (true) or awaited (false)
 * @param relation the relation's name, schema-qualified when not on the search path; empty when the lock
 *     is not on a relation or the relation is in another database than the inspector's
 * @param relationOid the relation's OID when the lock is on a relation
 * @param waitStart when the backend started waiting for this lock (PostgreSQL 14+, ungranted locks)
 */
public record LockInfo(
        String type,
        String mode,
        boolean granted,
        Optional<String> relation,
        OptionalLong relationOid,
        Optional<Instant> waitStart) {

    public LockInfo {
        if (type.isEmpty()) {
            throw new IllegalArgumentException("type must not be empty");
        }
        if (mode.isEmpty()) {
            throw new IllegalArgumentException("mode must not be empty");
        }
    }
}
