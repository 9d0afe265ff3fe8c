package org.activity4j.procstats;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.activity4j.core.BackendProcess;
import org.activity4j.core.ProcessStats;
import org.activity4j.core.ProcessStatsSource;
import org.activity4j.procstats.internal.ProcessSampler;

/**
 * OS figures of backend processes read with OSHI: CPU in percent of one core, resident memory in percent of
 * the host's memory, storage read and write bytes per second, and I/O wait (Linux state D).
 *
 * <p>Rates are the difference with the previous sample of the same process, so a steady caller never
 * sleeps; processes seen for the first time are sampled twice, {@link Builder#firstSampleWindow} apart
 * (100 ms by default), in one pause for all of them. A figure belongs to a backend only when a process of
 * this host has its pid, is named {@code postgres} and started within {@link Builder#startTolerance} (2 s)
 * of {@code backend_start}; otherwise (a server on another host, a reused pid) nothing is reported. I/O
 * figures of a process this user cannot read ({@code /proc/<pid>/io} of another user's process, unless
 * root) are empty, never 0.
 *
 * <p>On Linux each process's {@code /proc/<pid>/stat} and {@code /proc/<pid>/io} stay open between calls and
 * are re-read from offset 0 (no path lookup, open or close in the steady state; a few microseconds per
 * process). A file opened for a process that has exited fails to read even if the pid was reused, so kept
 * files never read another process. Files are closed when the process is gone or is no longer the backend
 * asked for, when its pid has not been asked for 30 s, and all of them by {@link #close()}; at most {@link
 * Builder#maxKeptOpen} processes (two descriptors each) keep files open. Elsewhere OSHI reads the process.
 *
 * <pre>{@code
 * try (OshiProcessStats os = OshiProcessStats.create()) {
 *     BackendInspector inspector = BackendInspector.builder(dataSource).processStats(os).build();
 *     inspector.activity().get(0).processStats().cpuPercent();   // OptionalDouble
 * }
 * }</pre>
 *
 * <p>Thread-safe: samples are taken one call at a time.
 */
public final class OshiProcessStats implements ProcessStatsSource, AutoCloseable {
    /** The default of {@link Builder#maxKeptOpen}. */
    public static final int DEFAULT_MAX_KEPT_OPEN = 1024;

    private final ProcessSampler sampler;

    private OshiProcessStats(Builder builder) {
        this.sampler = new ProcessSampler(builder.firstSampleWindow, builder.startTolerance, builder.maxKeptOpen);
    }

    /** A source with the default settings. */
    public static OshiProcessStats create() {
        return builder().build();
    }

    /** A builder of a source. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalStateException if this source is {@linkplain #close() closed}
     */
    @Override
    public Map<Integer, ProcessStats> sample(List<BackendProcess> processes) {
        return sampler.sample(processes);
    }

    /**
     * Closes the {@code /proc} files kept open between calls. Later calls of {@link #sample} throw {@link
     * IllegalStateException}; closing twice does nothing.
     */
    @Override
    public void close() {
        sampler.close();
    }

    /**
     * Settings of an {@link OshiProcessStats}.
     *
     * <pre>{@code
     * OshiProcessStats.builder().firstSampleWindow(Duration.ofMillis(50)).build();
     * }</pre>
     *
     * <p>Not thread-safe; the source it builds is.
     */
    public static final class Builder {
        private Duration firstSampleWindow = Duration.ofMillis(100);
        private Duration startTolerance = Duration.ofSeconds(2);
        private int maxKeptOpen = DEFAULT_MAX_KEPT_OPEN;

        private Builder() {}

        /** How long to wait between the two samples of a process seen for the first time; 1 ms to 10 s. */
        public Builder firstSampleWindow(Duration window) {
            if (window.compareTo(Duration.ofMillis(1)) < 0 || window.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("firstSampleWindow must be 1 ms to 10 s: " + window);
            }
            this.firstSampleWindow = window;
            return this;
        }

        /** How far a process's start may be from {@code backend_start} for it to be the backend; 0 to 1 min. */
        public Builder startTolerance(Duration tolerance) {
            if (tolerance.isNegative() || tolerance.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("startTolerance must be 0 to 1 min: " + tolerance);
            }
            this.startTolerance = tolerance;
            return this;
        }

        /**
         * How many processes keep their {@code /proc/<pid>/stat} and {@code io} open between calls (two file
         * descriptors each), 0 to 65,536; {@value OshiProcessStats#DEFAULT_MAX_KEPT_OPEN} by default. Processes
         * beyond it are still sampled, by opening and closing their files at every call (several times slower).
         */
        public Builder maxKeptOpen(int processes) {
            if (processes < 0 || processes > 65_536) {
                throw new IllegalArgumentException("maxKeptOpen must be 0 to 65536: " + processes);
            }
            this.maxKeptOpen = processes;
            return this;
        }

        /** The source. */
        public OshiProcessStats build() {
            return new OshiProcessStats(this);
        }
    }
}
