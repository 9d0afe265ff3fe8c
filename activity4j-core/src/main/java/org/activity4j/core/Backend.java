package org.activity4j.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One PostgreSQL backend as {@code pg_stat_activity} shows it, with the pids that block it and, when a
 * {@link ProcessStatsSource} is configured and can read it, its OS figures.
 *
 * <pre>{@code
 * for (Backend b : inspector.activity()) {
 *     System.out.println(b.pid() + " " + b.state().orElse("?") + " "
 *             + b.duration().map(Duration::toString).orElse("-") + " " + b.query());
 * }
 * }</pre>
 *
 * <p>A part the source cannot know is empty, never made up. Each part below says which column of {@code
 * pg_stat_activity} it comes from in-process, and whether the temBoard agent's old wire format (7.x, what
 * {@code TemboardAgentClient} reads) carries it: that format has {@code pid}, {@code database}, {@code
 * client}, {@code duration}, {@code wait}, {@code user}, {@code state}, {@code query} and the OS figures,
 * nothing else. activity4j's reference agent adds the others as extension members, which the client reads.
 *
 * <p>Of another role's session, a role that is neither superuser nor member of {@code pg_read_all_stats}
 * (e.g. through {@code pg_monitor}) sees the pid, the database, the user and the application name only:
 * PostgreSQL returns NULL for the client address, backend type, state, wait event, the four times and the
 * query id, and {@code <insufficient privilege>} as the query. Those parts are then empty and so is {@link
 * #duration()}.
 *
 * <p>Build one with {@link #builder(int)} and derive changed copies with {@link #toBuilder()}, so that code
 * that makes backends keeps compiling when a component is added:
 *
 * <pre>{@code
 * Backend b = Backend.builder(7283).database("test").user("postgres").state("active")
 *         .query("SELECT 1").backendStart(start).queryStart(start).duration(Duration.ZERO)
 *         .build();
 * Backend blocked = b.toBuilder().blockedBy(List.of(7280)).build();
 * }</pre>
 *
 * The canonical constructor stays public because a public record's canonical constructor must be; prefer the
 * builder.
 *
 * <p>Immutable and thread-safe.
 *
 * @param pid process id of the backend: {@code pid}; temBoard: {@code pid}
 * @param database {@code datname}, empty for backends not connected to a database; temBoard: {@code database}
 * @param user {@code usename}, empty when the server does not say; temBoard: {@code user}
 * @param applicationName {@code application_name}, present and {@code ""} when the client set none; temBoard:
 *     not carried, empty
 * @param clientAddress {@code host(client_addr)}, empty for Unix-socket clients and when hidden; temBoard:
 *     {@code client}
 * @param backendType {@code backend_type}, e.g. {@code client backend}, {@code parallel worker}; empty when
 *     hidden; temBoard: not carried, empty
 * @param state {@code state}, e.g. {@code active}, {@code idle}, {@code idle in transaction}; empty when
 *     hidden; temBoard: {@code state}
 * @param waitEventType {@code wait_event_type}, e.g. {@code Lock}, {@code IO}; temBoard: {@code Lock} when
 *     {@code wait} is {@code Y} (the agent's definition of {@code wait}), else not carried, empty
 * @param waitEvent {@code wait_event}, e.g. {@code transactionid}, {@code relation}; temBoard: not carried,
 *     empty
 * @param waitingOnLock whether {@code wait_event_type = 'Lock'}; when the server hides {@code wait_event_type}
 *     (another role's session, seen without {@code pg_read_all_stats}), whether {@code pg_locks}, which every
 *     role can read, has an ungranted lock of the backend: known either way, never assumed; temBoard: {@code
 *     wait = 'Y'}
 * @param query {@code query}: the current or last query, {@code ""} when the session never ran one, {@code
 *     <insufficient privilege>} when hidden; read as bytes (so that text that is not valid in its encoding,
 *     e.g. LATIN1 bytes in a {@code SQL_ASCII} database or a query clipped by {@code
 *     track_activity_query_size} in the middle of a character, never makes the call fail) and decoded in the
 *     encoding of the backend's database ({@code SQL_ASCII} as UTF-8), each malformed byte sequence shown as
 *     U+FFFD; temBoard: {@code query}
 * @param queryStart {@code query_start}, empty when the session never ran a query and when hidden;
 *     temBoard: not carried, empty
 * @param transactionStart {@code xact_start}, empty outside a transaction and when hidden; temBoard: not
 *     carried, empty
 * @param backendStart {@code backend_start}, when the connection started; empty when hidden; temBoard: not
 *     carried, empty
 * @param stateChange {@code state_change}, empty when hidden; temBoard: not carried, empty
 * @param duration how long the current or last query has run at the time of the sample, {@code
 *     clock_timestamp() - query_start} (0 if the clocks disagree); empty when {@code query_start} is (never
 *     ran a query, or hidden); temBoard: {@code duration}
 * @param leaderPid {@code leader_pid}, the parallel group leader of a parallel worker (PostgreSQL 13+);
 *     temBoard: not carried, empty
 * @param queryId {@code query_id} (PostgreSQL 14+, when {@code compute_query_id} is on); temBoard: not
 *     carried, empty
 * @param blockedBy pids blocking this backend, ascending, each once (a parallel group is reported by
 *     {@code pg_blocking_pids} as its leader, once per member lock), never 0: {@code pg_blocking_pids(pid)}
 *     without duplicates and without the 0 of prepared transactions; temBoard: the {@code blocked_by}
 *     extension, else derived from the waiting and blocking lock rows (same lock type and relation)
 * @param processStats OS figures, {@link ProcessStats#unknown()} when not available; temBoard: {@code iow},
 *     {@code read_s}, {@code write_s}, {@code cpu}, {@code memory}
 * @param blockedByPrepared the prepared transactions blocking this backend (the 0s of {@code
 *     pg_blocking_pids}), by gid; temBoard: the {@code blocked_by_prepared} extension, else empty
 */
public record Backend(
        int pid,
        Optional<String> database,
        Optional<String> user,
        Optional<String> applicationName,
        Optional<String> clientAddress,
        Optional<String> backendType,
        Optional<String> state,
        Optional<String> waitEventType,
        Optional<String> waitEvent,
        boolean waitingOnLock,
        String query,
        Optional<Instant> queryStart,
        Optional<Instant> transactionStart,
        Optional<Instant> backendStart,
        Optional<Instant> stateChange,
        Optional<Duration> duration,
        OptionalInt leaderPid,
        OptionalLong queryId,
        List<Integer> blockedBy,
        ProcessStats processStats,
        List<PreparedTransaction> blockedByPrepared) {

    public Backend {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be > 0: " + pid);
        }
        if (duration.isPresent() && duration.get().isNegative()) {
            throw new IllegalArgumentException("duration must not be negative: " + duration.get());
        }
        blockedBy = List.copyOf(blockedBy);
        for (int blocker : blockedBy) {
            if (blocker <= 0) {
                throw new IllegalArgumentException("blocker pids must be > 0: " + blockedBy);
            }
        }
        blockedByPrepared = List.copyOf(blockedByPrepared);
    }

    /** This backend with {@code stats} as its OS figures. */
    public Backend withProcessStats(ProcessStats stats) {
        return toBuilder().processStats(stats).build();
    }

    /**
     * A builder for the backend with this pid. The other parts start empty: no database, user, application
     * name, times, duration, wait event or blockers, {@code ""} as query, not waiting, {@link
     * ProcessStats#unknown()}.
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
                .processStats(processStats)
                .blockedByPrepared(blockedByPrepared);
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
        private Optional<String> applicationName = Optional.empty();
        private Optional<String> clientAddress = Optional.empty();
        private Optional<String> backendType = Optional.empty();
        private Optional<String> state = Optional.empty();
        private Optional<String> waitEventType = Optional.empty();
        private Optional<String> waitEvent = Optional.empty();
        private boolean waitingOnLock;
        private String query = "";
        private Optional<Instant> queryStart = Optional.empty();
        private Optional<Instant> transactionStart = Optional.empty();
        private Optional<Instant> backendStart = Optional.empty();
        private Optional<Instant> stateChange = Optional.empty();
        private Optional<Duration> duration = Optional.empty();
        private OptionalInt leaderPid = OptionalInt.empty();
        private OptionalLong queryId = OptionalLong.empty();
        private List<Integer> blockedBy = List.of();
        private ProcessStats processStats = ProcessStats.unknown();
        private List<PreparedTransaction> blockedByPrepared = List.of();

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
            return applicationName(Optional.of(applicationName));
        }

        public Builder applicationName(Optional<String> applicationName) {
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
            return backendStart(Optional.of(backendStart));
        }

        public Builder backendStart(Optional<Instant> backendStart) {
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
            return duration(Optional.of(duration));
        }

        public Builder duration(Optional<Duration> duration) {
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

        /** The prepared transactions blocking this backend (which {@code pg_blocking_pids} gives as 0). */
        public Builder blockedByPrepared(List<PreparedTransaction> blockedByPrepared) {
            this.blockedByPrepared = List.copyOf(blockedByPrepared);
            return this;
        }

        public Builder processStats(ProcessStats processStats) {
            this.processStats = Objects.requireNonNull(processStats, "processStats");
            return this;
        }

        /**
         * The backend.
         *
         * @throws IllegalArgumentException as the constructor does: pid not above 0, negative duration
         */
        public Backend build() {
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
                    backendStart,
                    stateChange,
                    duration,
                    leaderPid,
                    queryId,
                    blockedBy,
                    processStats,
                    blockedByPrepared);
        }
    }
}
