package org.activity4j.procstats.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;
import org.activity4j.core.BackendProcess;
import org.activity4j.core.ProcessStats;
import org.activity4j.procstats.internal.LinuxProc.ProcFiles;
import org.jspecify.annotations.Nullable;
import oshi.SystemInfo;
import oshi.software.common.os.linux.LinuxOperatingSystem;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Samples processes (from /proc on Linux, with OSHI elsewhere) and keeps, per pid, the previous reading for
 * rates and, on Linux, the process's open {@code /proc} files (see {@link LinuxProc}).
 *
 * <p>Files are closed when the process is gone (its read fails), when it is not the asked backend any more
 * (another start time: a reused pid), when the pid has not been asked for {@link #CLOSE_UNASKED} (it left
 * the server, or the caller stopped asking), and all of them on {@link #close()}. At most {@code maxKeptOpen}
 * processes keep files open (two descriptors each); others are opened, read and closed at every call.
 *
 * <p>Thread-safe: one call at a time.
 */
public final class ProcessSampler implements AutoCloseable {
    /** Files of a pid not asked for this long are closed. */
    static final Duration CLOSE_UNASKED = Duration.ofSeconds(30);
    /** Readings not asked for this long are forgotten (the backend is gone or no longer asked for). */
    static final Duration FORGET = Duration.ofMinutes(5);

    private final Duration firstSampleWindow;
    private final long startToleranceMillis;
    private final int maxKeptOpen;
    private final LongSupplier clock;
    private final OperatingSystem os;
    private final long totalMemory;
    private final boolean linux;
    private final @Nullable LinuxProc proc;
    private final Map<Integer, Tracked> tracked = new HashMap<>();
    private int keptOpen;
    /** The last process found to be a postmaster, and the server start it was checked against. */
    private int postmasterPid;

    private long postmasterServerStart;
    private final ProcessSample parent = new ProcessSample();
    private long calls;
    private boolean closed;

    /** What is known of one pid between calls. */
    private static final class Tracked {
        final int pid;

        @Nullable
        ProcFiles files;

        ProcessSample previous = new ProcessSample();
        ProcessSample current = new ProcessSample();
        boolean hasPrevious;
        long askedNanos;
        long askedInCall;
        /** Start time and parent of the process last identified by its parent (start hidden); 0 if none. */
        long verifiedStart;

        int verifiedPpid;

        Tracked(int pid) {
            this.pid = pid;
        }

        void swap() {
            ProcessSample t = previous;
            previous = current;
            current = t;
            hasPrevious = true;
        }
    }

    public ProcessSampler(Duration firstSampleWindow, Duration startTolerance, int maxKeptOpen) {
        this(firstSampleWindow, startTolerance, maxKeptOpen, System::nanoTime);
    }

    /** With a clock for the close and forget delays (tests). */
    ProcessSampler(Duration firstSampleWindow, Duration startTolerance, int maxKeptOpen, LongSupplier clock) {
        SystemInfo system = new SystemInfo();
        this.firstSampleWindow = firstSampleWindow;
        this.startToleranceMillis = startTolerance.toMillis();
        this.maxKeptOpen = maxKeptOpen;
        this.clock = clock;
        this.os = system.getOperatingSystem();
        this.totalMemory = system.getHardware().getMemory().getTotal();
        this.linux = System.getProperty("os.name", "").startsWith("Linux");
        this.proc = linux
                ? new LinuxProc(
                        os instanceof LinuxOperatingSystem l ? l.getHz() : 100,
                        system.getHardware().getMemory().getPageSize(),
                        os.getSystemBootTime())
                : null;
    }

    public synchronized Map<Integer, ProcessStats> sample(List<BackendProcess> processes) {
        if (closed) {
            throw new IllegalStateException("the process sampler is closed");
        }
        long now = clock.getAsLong();
        long call = ++calls;
        Map<Integer, ProcessStats> result = new HashMap<>(Math.max(16, processes.size() * 2));
        List<Tracked> fresh = new ArrayList<>();
        List<BackendProcess> freshProcesses = new ArrayList<>();
        for (BackendProcess process : processes) {
            Tracked t = tracked.computeIfAbsent(process.pid(), Tracked::new);
            if (t.askedInCall == call) {
                continue; // asked twice in one call: answered once
            }
            t.askedInCall = call;
            t.askedNanos = now;
            if (!read(t, process)) {
                forget(t);
                continue;
            }
            if (t.hasPrevious && t.previous.startTime == t.current.startTime) {
                result.put(t.pid, stats(t.previous, t.current));
            } else {
                fresh.add(t);
                freshProcesses.add(process);
            }
            t.swap();
        }
        if (!fresh.isEmpty()) {
            pause();
            for (int i = 0; i < fresh.size(); i++) {
                Tracked t = fresh.get(i);
                if (read(t, freshProcesses.get(i)) && t.previous.startTime == t.current.startTime) {
                    result.put(t.pid, stats(t.previous, t.current));
                    t.swap();
                } else {
                    forget(t);
                }
            }
        }
        sweep(now);
        return result;
    }

    /** How many processes have their files open now (tests). */
    synchronized int keptOpen() {
        return keptOpen;
    }

    /** How many pids are remembered now (tests). */
    synchronized int tracked() {
        return tracked.size();
    }

    /** Closes every kept file; later calls of {@link #sample} throw {@link IllegalStateException}. */
    @Override
    public synchronized void close() {
        closed = true;
        tracked.values().forEach(this::closeFiles);
        tracked.clear();
    }

    private void pause() {
        try {
            Thread.sleep(firstSampleWindow.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sampling processes", e);
        }
    }

    private void forget(Tracked t) {
        closeFiles(t);
        tracked.remove(t.pid);
    }

    private void closeFiles(Tracked t) {
        @Nullable ProcFiles files = t.files;
        if (files != null) {
            files.close();
            t.files = null;
            keptOpen--;
        }
    }

    /** Closes the files of pids not asked for {@link #CLOSE_UNASKED}, forgets those not asked for {@link #FORGET}. */
    private void sweep(long now) {
        long closeBefore = now - CLOSE_UNASKED.toNanos();
        long forgetBefore = now - FORGET.toNanos();
        for (Iterator<Tracked> it = tracked.values().iterator(); it.hasNext(); ) {
            Tracked t = it.next();
            if (t.askedNanos - closeBefore < 0) {
                closeFiles(t);
            }
            if (t.askedNanos - forgetBefore < 0) {
                it.remove();
            }
        }
    }

    /** Reads the process into {@code t.current}; false when it is gone, not postgres or not this backend. */
    private boolean read(Tracked t, BackendProcess backend) {
        LinuxProc linuxProc = proc;
        ProcessSample into = t.current;
        if (linuxProc != null) {
            @Nullable ProcFiles files = t.files;
            if (files != null && !linuxProc.read(files, into)) {
                // The process the files were opened for has exited: the pid may be another process's now.
                closeFiles(t);
                files = null;
            }
            if (files == null) {
                if (keptOpen < maxKeptOpen) {
                    files = linuxProc.open(t.pid);
                    if (files == null) {
                        return false;
                    }
                    t.files = files;
                    keptOpen++;
                    if (!linuxProc.read(files, into)) {
                        return false;
                    }
                } else if (!linuxProc.readOnce(t.pid, into)) {
                    return false;
                }
            }
        } else if (!readWithOshi(t.pid, into)) {
            return false;
        }
        return isBackend(t, into, backend);
    }

    private boolean readWithOshi(int pid, ProcessSample into) {
        OSProcess process = os.getProcess(pid);
        if (process == null || !process.getName().startsWith("postgres")) {
            return false;
        }
        into.startTime = process.getStartTime();
        into.ppid = process.getParentProcessID();
        into.nanos = System.nanoTime();
        into.cpuMillis = process.getKernelTime() + process.getUserTime();
        into.rss = process.getResidentMemory();
        // Outside Linux OSHI cannot tell an unreadable counter from 0: report no I/O figures there.
        into.ioReadable = false;
        into.read = 0;
        into.written = 0;
        into.diskWait = process.getState() == OSProcess.State.WAITING;
        return true;
    }

    /**
     * Whether the process read is the backend. With its start known: the process started with the backend (the
     * same pid on another host, or reused, is another process). With its start hidden: the process is a child
     * of this server's postmaster (its parent is named postgres and started with the server) and did not start
     * after the server listed the backend (so it held the pid then, and is not a later process that reused it).
     */
    private boolean isBackend(Tracked t, ProcessSample sample, BackendProcess backend) {
        if (backend.backendStart().isPresent()) {
            return Math.abs(sample.startTime - backend.backendStart().get().toEpochMilli()) <= startToleranceMillis;
        }
        if (backend.serverStart().isEmpty() || backend.listedAt().isEmpty()) {
            return false;
        }
        if (sample.startTime > backend.listedAt().get().toEpochMilli() + startToleranceMillis) {
            return false;
        }
        if (t.verifiedStart == sample.startTime && t.verifiedPpid == sample.ppid) {
            return true; // the same process as verified before (same start and parent)
        }
        long serverStart = backend.serverStart().get().toEpochMilli();
        if (sample.ppid <= 0 || !isPostmaster(sample.ppid, serverStart)) {
            return false;
        }
        t.verifiedStart = sample.startTime;
        t.verifiedPpid = sample.ppid;
        return true;
    }

    /** Whether {@code pid} is a process named postgres started with the server; the last answer is kept. */
    private boolean isPostmaster(int pid, long serverStartMillis) {
        if (pid == postmasterPid && serverStartMillis == postmasterServerStart) {
            return true;
        }
        boolean found;
        LinuxProc linuxProc = proc;
        if (linuxProc != null) {
            found = linuxProc.readOnce(pid, parent)
                    && Math.abs(parent.startTime - serverStartMillis) <= startToleranceMillis;
        } else {
            OSProcess process = os.getProcess(pid);
            found = process != null
                    && process.getName().startsWith("postgres")
                    && Math.abs(process.getStartTime() - serverStartMillis) <= startToleranceMillis;
        }
        if (found) {
            postmasterPid = pid;
            postmasterServerStart = serverStartMillis;
        }
        return found;
    }

    private ProcessStats stats(ProcessSample before, ProcessSample now) {
        double seconds = (now.nanos - before.nanos) / 1e9;
        OptionalDouble cpu = seconds > 0
                ? OptionalDouble.of(Math.max(0, now.cpuMillis - before.cpuMillis) / 10.0 / seconds)
                : OptionalDouble.empty();
        OptionalDouble memory =
                totalMemory > 0 ? OptionalDouble.of(100.0 * now.rss / totalMemory) : OptionalDouble.empty();
        boolean io = before.ioReadable && now.ioReadable && seconds > 0;
        return new ProcessStats(
                cpu,
                memory,
                io ? OptionalDouble.of(Math.max(0, now.read - before.read) / seconds) : OptionalDouble.empty(),
                io ? OptionalDouble.of(Math.max(0, now.written - before.written) / seconds) : OptionalDouble.empty(),
                linux ? Optional.of(now.diskWait) : Optional.empty());
    }
}
