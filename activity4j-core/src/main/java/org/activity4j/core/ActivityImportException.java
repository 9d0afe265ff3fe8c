package org.activity4j.core;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link ActivityStore#importActivities import} refused: at least one activity of the batch cannot be
 * kept as it is (its id is taken, or given twice; its creator, computer or parent is unknown in the account;
 * a value is outside what stores keep). Nothing of the batch was written. The map names every offending
 * activity by id with the reason.
 *
 * <pre>{@code
 * try {
 *     store.importActivities(exported);
 * } catch (ActivityImportException e) {
 *     e.reasons().forEach((id, reason) -> System.out.println(id + " => " + reason));
 * }
 * }</pre>
 *
 * <p>Immutable once thrown; safe to share between threads.
 */
public final class ActivityImportException extends ActivityException {
    private static final long serialVersionUID = 1L;

    private final TreeMap<Long, String> reasons;

    /** @param reasons activity id to reason, at least one */
    public ActivityImportException(Map<Long, String> reasons) {
        super(message(reasons));
        this.reasons = new TreeMap<>(reasons);
    }

    /** Activity id to the reason it cannot be imported, in id order. */
    public Map<Long, String> reasons() {
        return Collections.unmodifiableMap(reasons);
    }

    private static String message(Map<Long, String> reasons) {
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("an ActivityImportException needs at least one reason");
        }
        StringBuilder b = new StringBuilder(reasons.size() == 1 ? "1 activity" : reasons.size() + " activities")
                .append(" cannot be imported; nothing was imported:");
        new TreeMap<>(reasons)
                .forEach(
                        (id, reason) -> b.append('\n').append(id).append(" => ").append(reason));
        return b.toString();
    }
}
