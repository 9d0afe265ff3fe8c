package org.activity4j.core;

import java.util.Optional;

/**
 * What happened to one pid of {@link BackendInspector#terminate(java.util.List)} or
 * {@link BackendInspector#cancel(java.util.List)}.
 *
 * <pre>{@code
 * for (SignalResult r : inspector.terminate(List.of(4242, 4343))) {
 *     if (!r.signalled()) System.out.println(r.pid() + ": " + r.outcome() + " " + r.message().orElse(""));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param pid the pid as requested
 * @param outcome what happened
 * @param message the server's message when it refused, if any
 */
public record SignalResult(int pid, Outcome outcome, Optional<String> message) {

    /** What happened to a pid. */
    public enum Outcome {
        /** The signal was sent. */
        SIGNALLED,
        /** The pid is not a backend of this server (or it ended meanwhile). */
        NOT_A_BACKEND,
        /** The server refused: the inspector's role may not signal that backend. */
        INSUFFICIENT_PRIVILEGE,
        /** The pid is the inspector's own connection, which is never signalled. */
        OWN_CONNECTION
    }

    public SignalResult {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be > 0: " + pid);
        }
    }

    /** The outcome without a message. */
    public static SignalResult of(int pid, Outcome outcome) {
        return new SignalResult(pid, outcome, Optional.empty());
    }

    /** Whether the signal was sent ({@code killed} in temBoard's wire format). */
    public boolean signalled() {
        return outcome == Outcome.SIGNALLED;
    }
}
