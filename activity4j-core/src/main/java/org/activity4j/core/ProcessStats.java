package org.activity4j.core;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Operating-system figures of one backend process. A figure that could not be read (another user's
 * process, a server on another host, no source configured) is empty, never 0.
 *
 * <pre>{@code
 * ProcessStats os = backend.processStats();
 * os.cpuPercent().ifPresent(cpu -> System.out.printf("%.1f%% CPU%n", cpu));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param cpuPercent CPU time since the previous sample, in percent of one core (may exceed 100)
 * @param memoryPercent resident memory in percent of the host's total memory
 * @param readBytesPerSecond bytes read from storage per second since the previous sample
 * @param writeBytesPerSecond bytes written to storage per second since the previous sample
 * @param ioWait whether the process was in uninterruptible sleep (state D), usually waiting on I/O
 */
public record ProcessStats(
        OptionalDouble cpuPercent,
        OptionalDouble memoryPercent,
        OptionalDouble readBytesPerSecond,
        OptionalDouble writeBytesPerSecond,
        Optional<Boolean> ioWait) {

    private static final ProcessStats UNKNOWN = new ProcessStats(
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            Optional.empty());

    public ProcessStats {
        checkNotNegative("cpuPercent", cpuPercent);
        checkNotNegative("memoryPercent", memoryPercent);
        checkNotNegative("readBytesPerSecond", readBytesPerSecond);
        checkNotNegative("writeBytesPerSecond", writeBytesPerSecond);
    }

    /** Nothing known. */
    public static ProcessStats unknown() {
        return UNKNOWN;
    }

    /** Whether at least one figure is known. */
    public boolean isKnown() {
        return cpuPercent.isPresent()
                || memoryPercent.isPresent()
                || readBytesPerSecond.isPresent()
                || writeBytesPerSecond.isPresent()
                || ioWait.isPresent();
    }

    private static void checkNotNegative(String name, OptionalDouble value) {
        if (value.isPresent() && !(value.getAsDouble() >= 0)) {
            throw new IllegalArgumentException(name + " must be >= 0: " + value.getAsDouble());
        }
    }
}
