package org.activity4j.procstats.internal;

/**
 * One reading of a process, overwritten in place at every call (two per tracked process, swapped), so that
 * a steady caller allocates nothing to read.
 *
 * <p>Not thread-safe: used under {@link ProcessSampler}'s lock.
 */
final class ProcessSample {
    /** Process start, epoch milliseconds. */
    long startTime;
    /** Parent pid; 0 when unknown (outside Linux). */
    int ppid;
    /** {@link System#nanoTime()} of the reading. */
    long nanos;
    /** User + system CPU time, milliseconds. */
    long cpuMillis;
    /** Resident memory, bytes. */
    long rss;
    /** Whether the storage counters could be read. */
    boolean ioReadable;
    /** Storage bytes read (0 when not readable). */
    long read;
    /** Storage bytes written (0 when not readable). */
    long written;
    /** Whether the process was in state D. */
    boolean diskWait;
}
