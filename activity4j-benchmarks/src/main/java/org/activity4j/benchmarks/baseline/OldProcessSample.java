package org.activity4j.benchmarks.baseline;

/**
 * One reading of a process.
 *
 * @param startTime process start, epoch milliseconds
 * @param nanos {@link System#nanoTime()} of the reading
 * @param cpuMillis user + system CPU time
 * @param rss resident memory, bytes
 * @param ioReadable whether the storage counters could be read
 * @param read storage bytes read (0 when not readable)
 * @param written storage bytes written (0 when not readable)
 * @param diskWait whether the process was in state D
 */
record OldProcessSample(
        long startTime,
        long nanos,
        long cpuMillis,
        long rss,
        boolean ioReadable,
        long read,
        long written,
        boolean diskWait) {}
