package org.activity4j.micrometer.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.activity4j.core.Backend;
import org.activity4j.core.PreparedTransaction;

/**
 * What the gauges of one sample of {@code BackendInspector.activity()} show: backends by state, waiting and
 * blocked backends, blockers, and the oldest query, transaction and idle-in-transaction ages.
 *
 * <p>Ages are measured against the server's clock where the sample tells it ({@code queryStart + duration} of
 * any backend, both read by one statement), so that a remote inspector's clock skew does not enter them; else
 * against {@code fallbackNow}. An age is empty when the backends it is about exist but none carries the time
 * it needs (e.g. temBoard 7.x's wire format carries no transaction start), and zero when there are no such
 * backends.
 *
 * <p>Immutable and thread-safe.
 *
 * @param byState number of backends per state tag value ({@link #STATES}, {@link #UNKNOWN} when the state is
 *     hidden, {@link #OTHER} for a state this library does not know); every key present
 * @param waiting backends waiting for a heavyweight lock
 * @param blocked backends blocked by at least one backend or prepared transaction
 * @param blockers distinct backends and prepared transactions that block at least one backend
 * @param mostBlockedByOne the largest number of backends that one blocker blocks directly, 0 when none
 * @param queryAge the longest duration of an active backend's query
 * @param transactionAge the age of the oldest transaction of an active or idle-in-transaction backend
 * @param idleInTransactionAge the longest time a backend has been idle in transaction
 */
public record BackendSample(
        Map<String, Integer> byState,
        int waiting,
        int blocked,
        int blockers,
        int mostBlockedByOne,
        Optional<Duration> queryAge,
        Optional<Duration> transactionAge,
        Optional<Duration> idleInTransactionAge) {

    /** The states of {@code pg_stat_activity.state}, as tag values. */
    public static final List<String> STATES = List.of(
            "active",
            "idle",
            "idle in transaction",
            "idle in transaction (aborted)",
            "fastpath function call",
            "disabled");

    /** The tag value of backends whose state the inspector cannot see. */
    public static final String UNKNOWN = "unknown";

    /** The tag value of backends in a state not in {@link #STATES}. */
    public static final String OTHER = "other";

    /** Every state tag value, in gauge order. */
    public static final List<String> STATE_TAGS =
            Stream.concat(STATES.stream(), Stream.of(UNKNOWN, OTHER)).toList();

    public BackendSample {
        byState = Map.copyOf(byState);
    }

    /** The summary of {@code backends}, with {@code fallbackNow} as now when no backend tells the server's. */
    public static BackendSample of(List<Backend> backends, Instant fallbackNow) {
        Map<String, Integer> byState = new LinkedHashMap<>();
        for (String tag : STATE_TAGS) {
            byState.put(tag, 0);
        }
        int waiting = 0;
        int blocked = 0;
        Map<String, Integer> blockedPerBlocker = new HashMap<>();
        for (Backend b : backends) {
            byState.merge(stateTag(b), 1, Integer::sum);
            if (b.waitingOnLock()) {
                waiting++;
            }
            Set<String> blockersOfThis = new HashSet<>();
            for (int pid : b.blockedBy()) {
                blockersOfThis.add("pid " + pid);
            }
            for (PreparedTransaction p : b.blockedByPrepared()) {
                blockersOfThis.add("prepared " + p.gid());
            }
            if (!blockersOfThis.isEmpty()) {
                blocked++;
            }
            for (String blocker : blockersOfThis) {
                blockedPerBlocker.merge(blocker, 1, Integer::sum);
            }
        }
        int mostBlockedByOne =
                blockedPerBlocker.values().stream().mapToInt(i -> i).max().orElse(0);
        Instant now = serverNow(backends).orElse(fallbackNow);
        Optional<Duration> queryAge = oldest(backends, b -> in(b, "active"), Backend::duration);
        Optional<Duration> transactionAge = oldest(
                backends,
                b -> in(b, "active") || idleInTransaction(b),
                b -> b.transactionStart().map(start -> age(start, now)));
        Optional<Duration> idleInTransactionAge = oldest(
                backends, BackendSample::idleInTransaction, b -> b.stateChange().map(start -> age(start, now)));
        return new BackendSample(
                byState,
                waiting,
                blocked,
                blockedPerBlocker.size(),
                mostBlockedByOne,
                queryAge,
                transactionAge,
                idleInTransactionAge);
    }

    private static String stateTag(Backend b) {
        return b.state().map(s -> STATES.contains(s) ? s : OTHER).orElse(UNKNOWN);
    }

    private static boolean in(Backend b, String state) {
        return b.state().filter(state::equals).isPresent();
    }

    private static boolean idleInTransaction(Backend b) {
        return b.state().filter(s -> s.startsWith("idle in transaction")).isPresent();
    }

    /** The server's clock at the sample: the latest {@code queryStart + duration}, if any backend has both. */
    private static Optional<Instant> serverNow(List<Backend> backends) {
        Optional<Instant> now = Optional.empty();
        for (Backend b : backends) {
            if (b.queryStart().isPresent() && b.duration().isPresent()) {
                Instant at = b.queryStart().get().plus(b.duration().get());
                if (now.isEmpty() || at.isAfter(now.get())) {
                    now = Optional.of(at);
                }
            }
        }
        return now;
    }

    private static Duration age(Instant start, Instant now) {
        Duration age = Duration.between(start, now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    /**
     * The largest age among the backends {@code about} selects; zero when it selects none, empty when none of
     * them has the age.
     */
    private static Optional<Duration> oldest(
            List<Backend> backends, Predicate<Backend> about, Function<Backend, Optional<Duration>> ageOf) {
        boolean any = false;
        Optional<Duration> oldest = Optional.empty();
        for (Backend b : backends) {
            if (!about.test(b)) {
                continue;
            }
            any = true;
            Optional<Duration> age = ageOf.apply(b);
            if (age.isPresent() && (oldest.isEmpty() || age.get().compareTo(oldest.get()) > 0)) {
                oldest = age;
            }
        }
        return any ? oldest : Optional.of(Duration.ZERO);
    }
}
