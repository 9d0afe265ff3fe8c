package org.activity4j.procstats.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/** Samples processes with OSHI and keeps the previous sample of each for rates. */
public final class ProcessSampler {
    /** Samples not refreshed for this long are forgotten (the backend is gone or no longer asked for). */
    private static final long FORGET_NANOS = Duration.ofMinutes(5).toNanos();

    private final Duration firstSampleWindow;
    private final long startToleranceMillis;
    private final OperatingSystem os;
    private final long totalMemory;
    private final boolean linux;
    private final Map<Integer, Sample> previous = new HashMap<>();

    public ProcessSampler(Duration firstSampleWindow, Duration startTolerance) {
        SystemInfo system = new SystemInfo();
        this.firstSampleWindow = firstSampleWindow;
        this.startToleranceMillis = startTolerance.toMillis();
        this.os = system.getOperatingSystem();
        this.totalMemory = system.getHardware().getMemory().getTotal();
        this.linux = System.getProperty("os.name", "").startsWith("Linux");
    }

    /** One reading of a process. */
    private record Sample(
            long startTime,
            long nanos,
            long cpuMillis,
            long rss,
            boolean ioReadable,
            long read,
            long written,
            boolean diskWait) {}

    public synchronized Map<Integer, ProcessStats> sample(List<BackendProcess> processes) {
        Map<Integer, ProcessStats> result = new HashMap<>();
        Map<Integer, Sample> current = new HashMap<>();
        List<BackendProcess> fresh = new ArrayList<>();
        for (BackendProcess process : processes) {
            Optional<Sample> now = read(process);
            if (now.isEmpty()) {
                previous.remove(process.pid());
                continue;
            }
            Sample before = previous.get(process.pid());
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
                Sample before = current.get(process.pid());
                Optional<Sample> now = read(process);
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
        for (Iterator<Sample> it = previous.values().iterator(); it.hasNext(); ) {
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
    private Optional<Sample> read(BackendProcess backend) {
        OSProcess process = os.getProcess(backend.pid());
        if (process == null || !process.getName().startsWith("postgres")) {
            return Optional.empty();
        }
        if (Math.abs(process.getStartTime() - backend.backendStart().toEpochMilli()) > startToleranceMillis) {
            return Optional.empty();
        }
        boolean ioReadable = linux && readable(Path.of("/proc", Integer.toString(backend.pid()), "io"));
        return Optional.of(new Sample(
                process.getStartTime(),
                System.nanoTime(),
                process.getKernelTime() + process.getUserTime(),
                process.getResidentMemory(),
                ioReadable,
                process.getBytesRead(),
                process.getBytesWritten(),
                process.getState() == OSProcess.State.WAITING));
    }

    /** Whether this user may read the file: OSHI reports 0 for counters it cannot read. */
    private static boolean readable(Path file) {
        try (var in = Files.newInputStream(file)) {
            return in.read() >= 0;
        } catch (IOException e) {
            return false; // unreadable: another user's process, or it ended; the figures stay empty
        }
    }

    private ProcessStats stats(Sample before, Sample now) {
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
