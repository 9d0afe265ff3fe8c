package org.activity4j.core;

import java.time.Instant;
import java.util.Optional;

/**
 * A prepared transaction ({@code PREPARE TRANSACTION}) as {@code pg_prepared_xacts} shows it. It holds its
 * locks without a backend, so {@code pg_blocking_pids} reports it as pid 0; the inspector reports it as this.
 *
 * <pre>{@code
 * for (PreparedTransaction p : wait.blockedByPrepared()) {
 *     System.out.println(p.gid() + " prepared by " + p.owner().orElse("?") + " at " + p.prepared());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param gid {@code gid}, the global identifier given to {@code PREPARE TRANSACTION}
 * @param transactionId {@code transaction}
 * @param owner {@code owner}, the role that prepared it; empty when not known
 * @param database {@code database}; empty when not known
 * @param prepared {@code prepared}, when it was prepared; empty when not known
 */
public record PreparedTransaction(
        String gid, long transactionId, Optional<String> owner, Optional<String> database, Optional<Instant> prepared) {

    public PreparedTransaction {
        if (gid.isEmpty()) {
            throw new IllegalArgumentException("gid must not be empty");
        }
    }
}
