package org.activity4j.core;

import java.util.Map;
import java.util.TreeMap;

/**
 * A cancel, approve or report that the status of one or more activities forbids; nothing was changed. The
 * map names every offending activity with the reason, as Landscape's {@code InvalidActivityStatusChange}
 * error does in lines {@code <id> => <reason>}.
 *
 * <pre>{@code
 * try {
 *     service.cancelActivities(query);
 * } catch (ActivityStatusChangeException e) {
 *     e.reasons().forEach((id, reason) -> System.out.println(id + " => " + reason));
 * }
 * }</pre>
 *
 * <p>Immutable once thrown; safe to share between threads.
 */
public final class ActivityStatusChangeException extends ActivityException {
    private static final long serialVersionUID = 1L;

    private final TreeMap<Long, String> reasons;

    /** @param reasons activity id to reason, at least one */
    public ActivityStatusChangeException(Map<Long, String> reasons) {
        super(message(reasons));
        this.reasons = new TreeMap<>(reasons);
    }

    /**
     * @param reasons activity id to reason, at least one
     * @param cause what reported it, e.g. a remote service's error response
     */
    public ActivityStatusChangeException(Map<Long, String> reasons, Throwable cause) {
        super(message(reasons), cause);
        this.reasons = new TreeMap<>(reasons);
    }

    /** Activity id to the reason it could not change, in id order. */
    public Map<Long, String> reasons() {
        return java.util.Collections.unmodifiableMap(reasons);
    }

    /** The reasons as Landscape writes them: one {@code <id> => <reason>} line per activity. */
    public String toLines() {
        StringBuilder b = new StringBuilder();
        reasons.forEach((id, reason) -> {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(id).append(" => ").append(reason);
        });
        return b.toString();
    }

    private static String message(Map<Long, String> reasons) {
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("an ActivityStatusChangeException needs at least one reason");
        }
        StringBuilder b = new StringBuilder(reasons.size() == 1 ? "1 activity" : reasons.size() + " activities")
                .append(" cannot change status; nothing was changed:");
        new TreeMap<>(reasons)
                .forEach(
                        (id, reason) -> b.append('\n').append(id).append(" => ").append(reason));
        return b.toString();
    }
}
