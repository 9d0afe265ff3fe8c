package org.activity4j.client.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.activity4j.client.wire.TemboardSessionRow;

/**
 * CPU and I/O rates of backends from the raw {@code /proc} counters that {@code GET /activity/sessions} sends
 * (CPU clock ticks, bytes read and written since the process started), derived between two samples of the
 * same backend: same pid and same {@code backend_start} (a pid reused by a new backend is not the old one). A
 * backend seen for the first time, one whose start is unknown, or one whose counters went backwards has no
 * rate: empty, never 0. The time between samples is the caller's (a monotonic clock read when each answer
 * arrived), since the agent does not say when it read the counters. Only the last sample of each backend
 * listed by the last call is kept. Thread-safe.
 */
public final class ProcessCounters {
    /** CPU, read and write rates of one backend; each empty when unknown. */
    public record Rates(OptionalDouble cpuPercent, OptionalDouble readPerSecond, OptionalDouble writePerSecond) {
        static final Rates UNKNOWN = new Rates(OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty());
    }

    private record Sample(Instant backendStart, long nanos, long cpuTicks, OptionalLong read, OptionalLong write) {}

    private final double ticksPerSecond;
    private Map<Integer, Sample> previous = new HashMap<>();

    /** Counters whose CPU figure is in clock ticks of {@code ticksPerSecond} (Linux's {@code USER_HZ}, 100). */
    public ProcessCounters(int ticksPerSecond) {
        if (ticksPerSecond <= 0) {
            throw new IllegalArgumentException("ticks per second must be > 0: " + ticksPerSecond);
        }
        this.ticksPerSecond = ticksPerSecond;
    }

    /**
     * The rates of each row's backend since its previous sample, by pid, and the rows kept as the new samples.
     * {@code nanos} is a monotonic time ({@link System#nanoTime()}) of this sample.
     */
    public synchronized Map<Integer, Rates> update(List<TemboardSessionRow> rows, long nanos) {
        Map<Integer, Rates> rates = new HashMap<>();
        Map<Integer, Sample> next = new HashMap<>();
        for (TemboardSessionRow r : rows) {
            Optional<Instant> start = r.backendStart();
            if (start.isEmpty() || r.cpuTicks().isEmpty()) {
                rates.put(r.pid(), Rates.UNKNOWN);
                continue;
            }
            Sample now = new Sample(start.get(), nanos, r.cpuTicks().getAsLong(), r.readBytes(), r.writeBytes());
            Sample before = previous.get(r.pid());
            rates.put(r.pid(), before == null ? Rates.UNKNOWN : between(before, now));
            // An answer older than the kept sample (calls that overlapped) does not replace it.
            next.put(
                    r.pid(),
                    before != null && before.backendStart().equals(now.backendStart()) && before.nanos() > nanos
                            ? before
                            : now);
        }
        previous = next;
        return rates;
    }

    private Rates between(Sample before, Sample now) {
        if (!before.backendStart().equals(now.backendStart()) || now.nanos() <= before.nanos()) {
            return Rates.UNKNOWN;
        }
        double seconds = (now.nanos() - before.nanos()) / 1e9;
        OptionalDouble cpu = now.cpuTicks() >= before.cpuTicks()
                ? OptionalDouble.of((now.cpuTicks() - before.cpuTicks()) / ticksPerSecond / seconds * 100)
                : OptionalDouble.empty();
        return new Rates(cpu, rate(before.read(), now.read(), seconds), rate(before.write(), now.write(), seconds));
    }

    private static OptionalDouble rate(OptionalLong before, OptionalLong now, double seconds) {
        if (before.isEmpty() || now.isEmpty() || now.getAsLong() < before.getAsLong()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((now.getAsLong() - before.getAsLong()) / seconds);
    }
}
