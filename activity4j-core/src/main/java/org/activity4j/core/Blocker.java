package org.activity4j.core;

import java.util.OptionalInt;

/**
 * Who blocks a backend: another backend of any type (a client backend, an autovacuum worker, a background
 * worker, ...) or a prepared transaction, which holds locks without a backend.
 *
 * <pre>{@code
 * if (holder.blocker() instanceof Blocker.OfPreparedTransaction p) {
 *     System.out.println("prepared transaction " + p.transaction().gid());
 * } else {
 *     System.out.println(holder.blocker().kind() + " " + holder.blocker().pid().getAsInt());
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public sealed interface Blocker permits Blocker.OfBackend, Blocker.OfPreparedTransaction {

    /** The blocker's pid; empty for a prepared transaction (never 0). */
    OptionalInt pid();

    /**
     * What kind of blocker it is: the backend's {@code backend_type} ({@code client backend}, {@code autovacuum
     * worker}, ...), {@code "backend"} when the server hides it, or {@code "prepared transaction"}.
     */
    String kind();

    /** A key unique among the blockers of one snapshot: {@code pid:7283} or {@code gid:<gid>}. */
    String id();

    /** A backend that blocks. */
    record OfBackend(Backend backend) implements Blocker {
        @Override
        public OptionalInt pid() {
            return OptionalInt.of(backend.pid());
        }

        @Override
        public String kind() {
            return backend.backendType().orElse("backend");
        }

        @Override
        public String id() {
            return "pid:" + backend.pid();
        }
    }

    /** A prepared transaction that blocks. */
    record OfPreparedTransaction(PreparedTransaction transaction) implements Blocker {
        /** The kind of every prepared transaction. */
        public static final String KIND = "prepared transaction";

        @Override
        public OptionalInt pid() {
            return OptionalInt.empty();
        }

        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public String id() {
            return "gid:" + transaction.gid();
        }
    }
}
