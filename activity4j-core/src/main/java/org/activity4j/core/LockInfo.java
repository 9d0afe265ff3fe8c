package org.activity4j.core;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One heavyweight lock as {@code pg_locks} shows it: its mode, whether it is granted, and the object it is
 * on.
 *
 * <pre>{@code
 * LockInfo lock = wait.lock();
 * lock.type();      // "transactionid", "relation", "advisory", "virtualxid", ...
 * lock.mode();      // "ShareLock", "AccessExclusiveLock", ...
 * lock.relation();  // Optional["public.accounts"] for relation locks in the inspected database
 * lock.object();    // which object exactly: equal objects are the same object
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param type {@code pg_locks.locktype}, the same as {@code object().type()}
 * @param mode lock mode, e.g. {@code ShareLock}
 * @param granted whether the lock is held (true) or awaited (false)
 * @param relation the relation's name, schema-qualified when not on the search path; empty when the lock
 *     is not on a relation or the relation is in another database than the inspector's
 * @param relationOid the relation's OID when the lock is on a relation
 * @param waitStart when the backend started waiting for this lock (PostgreSQL 14+, ungranted locks)
 * @param object the object the lock is on; {@link LockObject#of(String) its type only} when the source
 *     does not say (the real temBoard agent)
 */
public record LockInfo(
        String type,
        String mode,
        boolean granted,
        Optional<String> relation,
        OptionalLong relationOid,
        Optional<Instant> waitStart,
        LockObject object) {

    public LockInfo {
        if (type.isEmpty()) {
            throw new IllegalArgumentException("type must not be empty");
        }
        if (mode.isEmpty()) {
            throw new IllegalArgumentException("mode must not be empty");
        }
        if (!object.type().equals(type)) {
            throw new IllegalArgumentException("object " + object + " is not of lock type " + type);
        }
    }

    /** A lock whose object is known by its type and relation OID only. */
    public LockInfo(
            String type,
            String mode,
            boolean granted,
            Optional<String> relation,
            OptionalLong relationOid,
            Optional<Instant> waitStart) {
        this(type, mode, granted, relation, relationOid, waitStart, objectOf(type, relationOid));
    }

    private static LockObject objectOf(String type, OptionalLong relationOid) {
        LockObject o = LockObject.of(type);
        return relationOid.isEmpty()
                ? o
                : new LockObject(
                        type,
                        o.database(),
                        relationOid,
                        o.page(),
                        o.tuple(),
                        o.virtualXid(),
                        o.transactionId(),
                        o.classId(),
                        o.objectId(),
                        o.objectSubId());
    }
}
