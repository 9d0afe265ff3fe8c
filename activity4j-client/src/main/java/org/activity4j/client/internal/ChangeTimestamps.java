package org.activity4j.client.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Timestamps for signing state-changing Landscape requests so that no two identical ones get the same
 * second. Landscape's timestamps have whole seconds, so two identical requests signed in one second are
 * byte for byte the same request, and a server that refuses replays (as it should) refuses the second. The
 * second identical request of a second is signed with the next second, the third with the one after, and so
 * on, at most {@value #MAX_AHEAD_SECONDS} s ahead of the clock (servers accept a little clock skew; the
 * agent two minutes by default); further repeats within that time are refused. Different requests, and
 * requests in different seconds, keep the clock's second. Thread-safe and cheap: one small map, kept to the
 * requests signed for the current or a later second.
 *
 * <pre>{@code
 * ChangeTimestamps timestamps = new ChangeTimestamps();
 * Instant at = timestamps.next("POST\naction=CancelActivities&query=id%3A5", clock.instant());
 * }</pre>
 */
public final class ChangeTimestamps {
    /** How far ahead of the clock a timestamp may be moved. */
    public static final int MAX_AHEAD_SECONDS = 30;

    private static final int PRUNE_ABOVE = 64;

    /** Per canonical request, the last second it was signed with. */
    private final Map<String, Long> lastSecond = new HashMap<>();

    /**
     * The instant to sign {@code request} (its verb and canonical parameters, without timestamp) with: {@code
     * now}, or a later second if this request was already signed with {@code now}'s second.
     *
     * @throws IllegalStateException if that would be more than {@value #MAX_AHEAD_SECONDS} s ahead of now
     */
    public synchronized Instant next(String request, Instant now) {
        long second = now.getEpochSecond();
        if (lastSecond.size() > PRUNE_ABOVE) {
            lastSecond.values().removeIf(s -> s < second);
        }
        Long last = lastSecond.get(request);
        if (last == null || last < second) {
            lastSecond.put(request, second);
            return now;
        }
        long next = last + 1;
        if (next - second > MAX_AHEAD_SECONDS) {
            throw new IllegalStateException("more than " + MAX_AHEAD_SECONDS + " identical changes were signed"
                    + " within " + MAX_AHEAD_SECONDS + " s; Landscape would refuse the repeats as replays");
        }
        lastSecond.put(request, next);
        return Instant.ofEpochSecond(next);
    }
}
