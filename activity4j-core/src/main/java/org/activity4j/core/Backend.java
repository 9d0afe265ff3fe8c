package org.activity4j.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * One PostgreSQL backend as {@code pg_stat_activity} shows it, with the pids that block it and, when a
 * {@link ProcessStatsSource} is configured and can read it, its OS figures.
 *
 * <pre>{@code
 * for (Backend b : inspector.activity()) {
 *     System.out.println(b.pid() + " " + b.state().orElse("?") + " " + b.duration() + " " + b.query());
 * }
 * }</pre>
 *
 * <p>Fields a role may not see (another role's session, for a role that is neither superuser nor member of
 * {@code pg_monitor}) are empty: client address, backend type, state, wait event, times but
 * {@code backendStart}; {@code query} is the server's {@code <insufficient privilege>}.
 *
 * <p>Build one with {@link #builder(int)} and derive changed copies with {@link #toBuilder()}, so that code
 * that makes backends keeps compiling when a component is added:
 *
 * <pre>{@code
 * Backend b = Backend.builder(7283).database("test").user("postgres").state("active")
 *         .query("SELECT 1").backendStart(start).duration(Duration.ZERO)
 *         .build();
 * Backend blocked = b.toBuilder().blockedBy(List.of(7280)).build();
 * }</pre>
 *
 * The canonical constructor stays public because a public record's canonical constructor must be; prefer the
 * builder.
 *
 * <p>Immutable and thread-safe.
 *
 * @param pid process id of the backend
 * @param database database name; empty for backends not connected to one
 * @param user role name; empty when not visible
 * @param applicationName {@code application_name}, empty string when not set
 * @param clientAddress client IP address without prefix length; empty for Unix-socket clients
 * @param backendType e.g. {@code client backend}, {@code parallel worker}; empty when not visible
 * @param state e.g. {@code active}, {@code idle}, {@code idle in transaction}
 * @param waitEventType e.g. {@code Lock}, {@code IO}
 * @param waitEvent e.g. {@code transactionid}, {@code relation}
 * @param waitingOnLock whether the backend waits on a heavyweight lock ({@code wait_event_type = 'Lock'})
 * @param query the current or last query; empty string when the session never ran one
 * @param queryStart when the current or last query started; empty when the session never ran one
 * @param transactionStart when the current transaction started
 * @param backendStart when the backend (the connection) started
 * @param stateChange when {@code state} last changed
 * @param duration time since {@code queryStart}; zero when the session never ran a query
 * @param leaderPid the parallel group leader of a parallel worker (PostgreSQL 13+)
 * @param queryId the query identifier (PostgreSQL 14+, when {@code compute_query_id} is on)
 * @param blockedBy pids blocking this backend ({@code pg_blocking_pids}), ascending
 * @param processStats OS figures, {@link ProcessStats#unknown()} when not available
 */
public record Backend(
        int pid,
        Optional<String> database,
        Optional<String> user,
        String applicationName,
        Optional<String> clientAddress,
        Optional<String> backendType,
        Optional<String> state,
        Optional<String> waitEventType,
        Optional<String> waitEvent,
        boolean waitingOnLock,
        String query,
        Optional<Instant> queryStart,
        Optional<Instant> transactionStart,
        Instant backendStart,
        Optional<Instant> stateChange,
        Duration duration,
        OptionalInt leaderPid,
        OptionalLong queryId,
        List<Integer> blockedBy,
        ProcessStats processStats) {

    public Backend {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be > 0: " + pid);
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration);
        }
        blockedBy = List.copyOf(blockedBy);
    }

    /** This backend with {@code stats} as its OS figures. */
    public Backend withProcessStats(ProcessStats stats) {
        return toBuilder().processStats(stats).build();
    }

    /**
     * A builder for the backend with this pid. The other parts start empty: no database, user, times, wait
     * event or blockers, {@code ""} as application name and query, not waiting, {@link ProcessStats#unknown()}.
     */
    public static Builder builder(int pid) {
        return new Builder(pid);
    }

    /** A builder that starts from this backend. */
    public Builder toBuilder() {
        return new Builder(pid)
                .database(database)
                .user(user)
                .applicationName(applicationName)
                .clientAddress(clientAddress)
                .backendType(backendType)
                .state(state)
                .waitEventType(waitEventType)
                .waitEvent(waitEvent)
                .waitingOnLock(waitingOnLock)
                .query(query)
                .queryStart(queryStart)
                .transactionStart(transactionStart)
                .backendStart(backendStart)
                .stateChange(stateChange)
                .duration(duration)
                .leaderPid(leaderPid)
                .queryId(queryId)
                .blockedBy(blockedBy)
                .processStats(processStats);
    }

    /**
     * Builds a {@link Backend}; {@link #build()} validates as the constructor does. Each optional part has a
     * setter for a value and one for an {@code Optional} (to copy it from a source that may not have it). Not
     * thread-safe.
     */
    public static final class Builder {
        private int pid;
        private Optional<String> database = Optional.empty();
        private Optional<String> user = Optional.empty();
        private String applicationName = "";
        private Optional<String> clientAddress = Optional.empty();
        private Optional<String> backendType = Optional.empty();
        private Optional<String> state = Optional.empty();
        private Optional<String> waitEventType = Optional.empty();
        private Optional<String> waitEvent = Optional.empty();
        private boolean waitingOnLock;
        private String query = "";
        private Optional<Instant> queryStart = Optional.empty();
        private Optional<Instant> transactionStart = Optional.empty();
        private @Nullable Instant backendStart;
        private Optional<Instant> stateChange = Optional.empty();
        private @Nullable Duration duration;
        private OptionalInt leaderPid = OptionalInt.empty();
        private OptionalLong queryId = OptionalLong.empty();
        private List<Integer> blockedBy = List.of();
        private ProcessStats processStats = ProcessStats.unknown();

        private Builder(int pid) {
            this.pid = pid;
        }

        public Builder pid(int pid) {
            this.pid = pid;
            return this;
        }

        public Builder database(String database) {
            return database(Optional.of(database));
        }

        public Builder database(Optional<String> database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        public Builder user(String user) {
            return user(Optional.of(user));
        }

        public Builder user(Optional<String> user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        public Builder applicationName(String applicationName) {
            this.applicationName = Objects.requireNonNull(applicationName, "applicationName");
            return this;
        }

        public Builder clientAddress(String clientAddress) {
            return clientAddress(Optional.of(clientAddress));
        }

        public Builder clientAddress(Optional<String> clientAddress) {
            this.clientAddress = Objects.requireNonNull(clientAddress, "clientAddress");
            return this;
        }

        public Builder backendType(String backendType) {
            return backendType(Optional.of(backendType));
        }

        public Builder backendType(Optional<String> backendType) {
            this.backendType = Objects.requireNonNull(backendType, "backendType");
            return this;
        }

        public Builder state(String state) {
            return state(Optional.of(state));
        }

        public Builder state(Optional<String> state) {
            this.state = Objects.requireNonNull(state, "state");
            return this;
        }

        public Builder waitEventType(String waitEventType) {
            return waitEventType(Optional.of(waitEventType));
        }

        public Builder waitEventType(Optional<String> waitEventType) {
            this.waitEventType = Objects.requireNonNull(waitEventType, "waitEventType");
            return this;
        }

        public Builder waitEvent(String waitEvent) {
            return waitEvent(Optional.of(waitEvent));
        }

        public Builder waitEvent(Optional<String> waitEvent) {
            this.waitEvent = Objects.requireNonNull(waitEvent, "waitEvent");
            return this;
        }

        public Builder waitingOnLock(boolean waitingOnLock) {
            this.waitingOnLock = waitingOnLock;
            return this;
        }

        public Builder query(String query) {
            this.query = Objects.requireNonNull(query, "query");
            return this;
        }

        public Builder queryStart(Instant queryStart) {
            return queryStart(Optional.of(queryStart));
        }

        public Builder queryStart(Optional<Instant> queryStart) {
            this.queryStart = Objects.requireNonNull(queryStart, "queryStart");
            return this;
        }

        public Builder transactionStart(Instant transactionStart) {
            return transactionStart(Optional.of(transactionStart));
        }

        public Builder transactionStart(Optional<Instant> transactionStart) {
            this.transactionStart = Objects.requireNonNull(transactionStart, "transactionStart");
            return this;
        }

        public Builder backendStart(Instant backendStart) {
            this.backendStart = Objects.requireNonNull(backendStart, "backendStart");
            return this;
        }

        public Builder stateChange(Instant stateChange) {
            return stateChange(Optional.of(stateChange));
        }

        public Builder stateChange(Optional<Instant> stateChange) {
            this.stateChange = Objects.requireNonNull(stateChange, "stateChange");
            return this;
        }

        public Builder duration(Duration duration) {
            this.duration = Objects.requireNonNull(duration, "duration");
            return this;
        }

        public Builder leaderPid(int leaderPid) {
            return leaderPid(OptionalInt.of(leaderPid));
        }

        public Builder leaderPid(OptionalInt leaderPid) {
            this.leaderPid = Objects.requireNonNull(leaderPid, "leaderPid");
            return this;
        }

        public Builder queryId(long queryId) {
            return queryId(OptionalLong.of(queryId));
        }

        public Builder queryId(OptionalLong queryId) {
            this.queryId = Objects.requireNonNull(queryId, "queryId");
            return this;
        }

        /** The pids blocking this backend; the backend keeps them sorted as given (ascending by convention). */
        public Builder blockedBy(List<Integer> blockedBy) {
            this.blockedBy = List.copyOf(blockedBy);
            return this;
        }

        public Builder processStats(ProcessStats processStats) {
            this.processStats = Objects.requireNonNull(processStats, "processStats");
            return this;
        }

        /**
         * The backend.
         *
         * @throws IllegalStateException if {@code backendStart} or {@code duration} was not set
         * @throws IllegalArgumentException as the constructor does: pid not above 0, negative duration
         */
        public Backend build() {
            Instant start = backendStart;
            Duration d = duration;
            if (start == null || d == null) {
                throw new IllegalStateException("backendStart and duration are required for backend " + pid);
            }
            return new Backend(
                    pid,
                    database,
                    user,
                    applicationName,
                    clientAddress,
                    backendType,
                    state,
                    waitEventType,
                    waitEvent,
                    waitingOnLock,
                    query,
                    queryStart,
                    transactionStart,
                    start,
                    stateChange,
                    d,
                    leaderPid,
                    queryId,
                    blockedBy,
                    processStats);
        }
    }
}
