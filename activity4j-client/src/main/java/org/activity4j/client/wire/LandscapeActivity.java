package org.activity4j.client.wire;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.activity4j.core.Activity;

/**
 * An activity as Landscape's REST API ({@code /api/v2/activities}) shows it: the {@link Activity} of the legacy
 * API plus what only the REST API says, each empty when the server did not send it.
 *
 * <pre>{@code
 * LandscapeActivity a = landscape.getActivity(42).orElseThrow();
 * boolean canCancel = a.actions().map(LandscapeActivity.Actions::cancelable).orElse(false);
 * int children = a.children().map(List::size).orElse(0);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param activity the activity's fields (those the REST API adds are not among its details)
 * @param actions {@code actions}: what may be done to it now; empty when not sent
 * @param children {@code children}: the activities whose parent it is; empty when not sent (an empty list when
 *     sent and empty)
 */
public record LandscapeActivity(Activity activity, Optional<Actions> actions, Optional<List<Activity>> children) {
    public LandscapeActivity {
        Objects.requireNonNull(activity, "activity");
        Objects.requireNonNull(actions, "actions");
        children = children.map(List::copyOf);
    }

    /**
     * The {@code actions} flags.
     *
     * @param approvable it may be approved (it is unapproved)
     * @param cancelable it may be canceled (not delivered yet, not final)
     * @param reappliable {@code reappliable}, which Landscape's web UI reads; empty when not sent
     */
    public record Actions(boolean approvable, boolean cancelable, Optional<Boolean> reappliable) {
        public Actions {
            Objects.requireNonNull(reappliable, "reappliable");
        }
    }
}
