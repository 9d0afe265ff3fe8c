package org.activity4j.procstats.internal;

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
import org.jspecify.annotations.Nullable;
import oshi.SystemInfo;
import oshi.software.common.os.linux.LinuxOperatingSystem;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Samples processes (from /proc on Linux, with OSHI elsewhere) and keeps the previous sample of each for
 * rates.
 */
public final class ProcessSampler {
    /** Samples not refreshed for this long are forgotten (the backend is gone or no longer asked for). */
    private static final long FORGET_NANOS = Duration.ofMinutes(5).toNanos();

    private final Duration firstSampleWindow;
    private final long startToleranceMillis;
    private final OperatingSystem os;
    private final long totalMemory;
    private final boolean linux;
    private final @Nullable LinuxProc proc;
    private final Map<Integer, ProcessSample> previous = new HashMap<>();

    public ProcessSampler(Duration firstSampleWindow, Duration startTolerance) {
        SystemInfo system = new SystemInfo();
        this.firstSampleWindow = firstSampleWindow;
        this.startToleranceMillis = startTolerance.toMillis();
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
        Map<Integer, ProcessStats> result = new HashMap<>();
        Map<Integer, ProcessSample> current = new HashMap<>();
        List<BackendProcess> fresh = new ArrayList<>();
        for (BackendProcess process : processes) {
            Optional<ProcessSample> now = read(process);
            if (now.isEmpty()) {
                previous.remove(process.pid());
                continue;
            }
            ProcessSample before = previous.get(process.pid());
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
                ProcessSample before = current.get(process.pid());
                Optional<ProcessSample> now = read(process);
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
        for (Iterator<ProcessSample> it = previous.values().iterator(); it.hasNext(); ) {
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
    private Optional<ProcessSample> read(BackendProcess backend) {
        LinuxProc linuxProc = proc;
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
        return Optional.of(new ProcessSample(
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
        return Math.abs(processStartMillis - backend.backendStart().toEpochMilli()) <= startToleranceMillis;
    }

    private ProcessStats stats(ProcessSample before, ProcessSample now) {
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
