package org.activity4j.benchmarks.baseline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads one process's figures from {@code /proc/<pid>/stat} and {@code /proc/<pid>/io} directly: two small
 * files, about ten times cheaper than OSHI's full process object, which also reads the command line,
 * environment, owner and more that we do not need. OSHI supplies the constants (clock ticks, page size,
 * boot time).
 */
final class OldLinuxProc {
    private final long hz;
    private final long pageSize;
    private final long bootMillis;

    OldLinuxProc(long hz, long pageSize, long bootSeconds) {
        this.hz = hz;
        this.pageSize = pageSize;
        this.bootMillis = bootSeconds * 1000;
    }

    /** A reading of the process, or empty when it does not exist or is not named {@code postgres}. */
    Optional<OldProcessSample> read(int pid) {
        Path dir = Path.of("/proc", Integer.toString(pid));
        String stat;
        try {
            stat = Files.readString(dir.resolve("stat"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return Optional.empty(); // no such process (any more)
        }
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 > stat.length()) {
            return Optional.empty();
        }
        String name = stat.substring(open + 1, close);
        if (!name.startsWith("postgres")) {
            return Optional.empty();
        }
        // Fields after the name, from field 3 (state): index = field number - 3.
        String[] fields = stat.substring(close + 2).trim().split(" ", -1);
        if (fields.length < 22) {
            return Optional.empty();
        }
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        long startMillis = bootMillis + Long.parseLong(fields[19]) * 1000 / hz;
        long rss = Long.parseLong(fields[21]) * pageSize;
        boolean diskWait = fields[0].equals("D");
        long read = -1;
        long written = -1;
        try {
            for (String line : Files.readAllLines(dir.resolve("io"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("read_bytes:")) {
                    read = Long.parseLong(line.substring("read_bytes:".length()).trim());
                } else if (line.startsWith("write_bytes:")) {
                    written = Long.parseLong(
                            line.substring("write_bytes:".length()).trim());
                }
            }
        } catch (IOException e) {
            // Another user's process (unless we are root): its I/O counters stay unknown, never 0.
            read = -1;
            written = -1;
        }
        boolean ioReadable = read >= 0 && written >= 0;
        return Optional.of(new OldProcessSample(
                startMillis,
                System.nanoTime(),
                ticks * 1000 / hz,
                rss,
                ioReadable,
                Math.max(read, 0),
                Math.max(written, 0),
                diskWait));
    }
}
