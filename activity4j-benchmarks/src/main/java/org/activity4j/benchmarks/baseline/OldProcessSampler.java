package org.activity4j.benchmarks.baseline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.activity4j.core.BackendProcess;
import org.activity4j.core.ProcessStats;
import org.activity4j.core.ProcessStatsSource;
import org.jspecify.annotations.Nullable;
import oshi.SystemInfo;
import oshi.software.common.os.linux.LinuxOperatingSystem;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * activity4j-procstats's sampler before issue 17 (commit 668a5c4), kept as the baseline that the current one
 * is measured against: opens, reads and closes {@code /proc/<pid>/stat} and {@code /proc/<pid>/io} as strings
 * at every call. Thread-safe.
 */
public final class OldProcessSampler implements ProcessStatsSource {
    /** Samples not refreshed for this long are forgotten (the backend is gone or no longer asked for). */
    private static final long FORGET_NANOS = Duration.ofMinutes(5).toNanos();

    private final Duration firstSampleWindow;
    private final long startToleranceMillis;
    private final OperatingSystem os;
    private final long totalMemory;
    private final boolean linux;
    private final @Nullable OldLinuxProc proc;
    private final Map<Integer, OldProcessSample> previous = new HashMap<>();

    public OldProcessSampler(Duration firstSampleWindow, Duration startTolerance) {
        SystemInfo system = new SystemInfo();
        this.firstSampleWindow = firstSampleWindow;
        this.startToleranceMillis = startTolerance.toMillis();
        this.os = system.getOperatingSystem();
        this.totalMemory = system.getHardware().getMemory().getTotal();
        this.linux = System.getProperty("os.name", "").startsWith("Linux");
        this.proc = linux
                ? new OldLinuxProc(
                        os instanceof LinuxOperatingSystem l ? l.getHz() : 100,
                        system.getHardware().getMemory().getPageSize(),
                        os.getSystemBootTime())
                : null;
    }

    @Override
    public synchronized Map<Integer, ProcessStats> sample(List<BackendProcess> processes) {
        Map<Integer, ProcessStats> result = new HashMap<>();
        Map<Integer, OldProcessSample> current = new HashMap<>();
        List<BackendProcess> fresh = new ArrayList<>();
        for (BackendProcess process : processes) {
            Optional<OldProcessSample> now = read(process);
            if (now.isEmpty()) {
                previous.remove(process.pid());
                continue;
            }
            OldProcessSample before = previous.get(process.pid());
            if (before != null && before.startTime() == now.get().startTime()) {
                result.put(process.pid(), stats(before, now.get()));
            } else {
                fresh.add(process);
            }
            current.put(process.pid(), now.get());
        }
        if (!fresh.isEmpty()) {
            pause();
            for (BackendProcess process : fresh) {
                OldProcessSample before = current.get(process.pid());
                Optional<OldProcessSample> now = read(process);
                if (before != null
                        && now.isPresent()
                        && before.startTime() == now.get().startTime()) {
                    result.put(process.pid(), stats(before, now.get()));
                    current.put(process.pid(), now.get());
                }
            }
        }
        previous.putAll(current);
        long oldest = System.nanoTime() - FORGET_NANOS;
        for (Iterator<OldProcessSample> it = previous.values().iterator(); it.hasNext(); ) {
            if (it.next().nanos() < oldest) {
                it.remove();
            }
        }
        return result;
    }

    private void pause() {
        try {
            Thread.sleep(firstSampleWindow.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sampling processes", e);
        }
    }

    /** The process if it is this backend: same pid, named postgres, started with the backend. */
    private Optional<OldProcessSample> read(BackendProcess backend) {
        OldLinuxProc linuxProc = proc;
        if (linuxProc != null) {
            return linuxProc.read(backend.pid()).filter(s -> isBackend(s.startTime(), backend));
        }
        OSProcess process = os.getProcess(backend.pid());
        if (process == null || !process.getName().startsWith("postgres")) {
            return Optional.empty();
        }
        if (!isBackend(process.getStartTime(), backend)) {
            return Optional.empty();
        }
        // Outside Linux OSHI cannot tell an unreadable counter from 0: report no I/O figures there.
        boolean ioReadable = false;
        return Optional.of(new OldProcessSample(
                process.getStartTime(),
                System.nanoTime(),
                process.getKernelTime() + process.getUserTime(),
                process.getResidentMemory(),
                ioReadable,
                process.getBytesRead(),
                process.getBytesWritten(),
                process.getState() == OSProcess.State.WAITING));
    }

    /** The process started with the backend: the same pid on another host or reused is another process. */
    private boolean isBackend(long processStartMillis, BackendProcess backend) {
        // Before issue 17 only backends with a known start were asked for.
        return backend.backendStart()
                .map(start -> Math.abs(processStartMillis - start.toEpochMilli()) <= startToleranceMillis)
                .orElse(false);
    }

    private ProcessStats stats(OldProcessSample before, OldProcessSample now) {
        double seconds = (now.nanos() - before.nanos()) / 1e9;
        OptionalDouble cpu = seconds > 0
                ? OptionalDouble.of(Math.max(0, now.cpuMillis() - before.cpuMillis()) / 10.0 / seconds)
                : OptionalDouble.empty();
        OptionalDouble memory =
                totalMemory > 0 ? OptionalDouble.of(100.0 * now.rss() / totalMemory) : OptionalDouble.empty();
        boolean io = before.ioReadable() && now.ioReadable() && seconds > 0;
        return new ProcessStats(
                cpu,
                memory,
                io ? OptionalDouble.of(Math.max(0, now.read() - before.read()) / seconds) : OptionalDouble.empty(),
                io
                        ? OptionalDouble.of(Math.max(0, now.written() - before.written()) / seconds)
                        : OptionalDouble.empty(),
                linux ? Optional.of(now.diskWait()) : Optional.empty());
    }
}
