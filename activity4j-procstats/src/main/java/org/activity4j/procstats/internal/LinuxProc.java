package org.activity4j.procstats.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * Reads one process's figures from {@code /proc/<pid>/stat} and {@code /proc/<pid>/io}, files that {@link
 * ProcessSampler} keeps open between calls and that are re-read at offset 0: the kernel regenerates their
 * text at every read from the start, so a steady caller pays two {@code lseek} + {@code read} pairs per
 * process and no path lookup, open or close. An open {@code /proc/<pid>} file stays bound to the process
 * it was opened for: once that process has exited, reading it fails ({@code ESRCH}) even if another
 * process got the pid since, so a kept file never reads a stranger. The text is parsed from one byte buffer,
 * without strings. OSHI supplies the constants (clock ticks, page size, boot time).
 *
 * <p>Not thread-safe (one buffer): used under {@link ProcessSampler}'s lock.
 */
final class LinuxProc {
    private static final byte[] POSTGRES = "postgres".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] READ_BYTES = "read_bytes:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRITE_BYTES = "write_bytes:".getBytes(StandardCharsets.US_ASCII);
    /** {@code /proc/<pid>/stat} is under 1 KiB (the name is at most 16 bytes); {@code io} about 120 bytes. */
    private static final int BUFFER_BYTES = 4096;

    private final long hz;
    private final long pageSize;
    private final long bootMillis;
    private final byte[] buffer = new byte[BUFFER_BYTES];

    LinuxProc(long hz, long pageSize, long bootSeconds) {
        this.hz = hz;
        this.pageSize = pageSize;
        this.bootMillis = bootSeconds * 1000;
    }

    /** The open {@code stat} and {@code io} files of one process; {@code io} is null when unreadable. */
    static final class ProcFiles {
        private final RandomAccessFile stat;
        private final @Nullable RandomAccessFile io;

        private ProcFiles(RandomAccessFile stat, @Nullable RandomAccessFile io) {
            this.stat = stat;
            this.io = io;
        }

        /** How many file descriptors these hold. */
        int descriptors() {
            return io == null ? 1 : 2;
        }

        /** Closes both files; never throws (closing a /proc file cannot lose data). */
        void close() {
            closeQuietly(stat);
            if (io != null) {
                closeQuietly(io);
            }
        }

        private static void closeQuietly(RandomAccessFile file) {
            try {
                file.close();
            } catch (IOException e) {
                // Nothing was written; the descriptor is released by the kernel whatever close reports.
            }
        }
    }

    /** The files of {@code pid}, or null when there is no such process (any more). */
    @Nullable
    ProcFiles open(int pid) {
        RandomAccessFile stat;
        try {
            stat = new RandomAccessFile("/proc/" + pid + "/stat", "r");
        } catch (IOException e) {
            return null;
        }
        RandomAccessFile io = null;
        try {
            io = new RandomAccessFile("/proc/" + pid + "/io", "r");
        } catch (IOException e) {
            // Another user's process (unless we are root): its I/O counters stay unknown, never 0.
        }
        return new ProcFiles(stat, io);
    }

    /**
     * Reads the process behind {@code files} into {@code into}; false when it has exited or is not named
     * {@code postgres}. I/O counters that cannot be read leave {@code ioReadable} false.
     */
    boolean read(ProcFiles files, ProcessSample into) {
        int length = readAtStart(files.stat);
        if (length <= 0 || !parseStat(length, into)) {
            return false;
        }
        into.nanos = System.nanoTime();
        into.ioReadable = false;
        into.read = 0;
        into.written = 0;
        if (files.io != null) {
            int ioLength = readAtStart(files.io);
            if (ioLength > 0) {
                parseIo(ioLength, into);
            }
        }
        return true;
    }

    /** Opens, reads and closes {@code pid}'s files: for processes beyond the number kept open. */
    boolean readOnce(int pid, ProcessSample into) {
        ProcFiles files = open(pid);
        if (files == null) {
            return false;
        }
        try {
            return read(files, into);
        } finally {
            files.close();
        }
    }

    /** Bytes read from offset 0 into the buffer; -1 when the process is gone or the file unreadable. */
    private int readAtStart(RandomAccessFile file) {
        try {
            file.seek(0);
            return file.read(buffer, 0, buffer.length);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Fields of {@code stat} after the name (in parentheses, which may itself hold spaces and parentheses,
     * hence the last ')'): 0-based index = field number - 3, i.e. 0 state, 1 ppid, 11 utime, 12 stime, 19
     * starttime (clock ticks since boot), 21 rss (pages).
     */
    private boolean parseStat(int length, ProcessSample into) {
        byte[] b = buffer;
        int open = -1;
        for (int i = 0; i < length; i++) {
            if (b[i] == '(') {
                open = i;
                break;
            }
        }
        int close = -1;
        for (int i = length - 1; i > open; i--) {
            if (b[i] == ')') {
                close = i;
                break;
            }
        }
        if (open < 0 || close < 0 || close + 2 >= length || !startsWith(b, open + 1, close, POSTGRES)) {
            return false;
        }
        byte state = 0;
        long ppid = -1;
        long utime = -1;
        long stime = -1;
        long start = -1;
        long rss = -1;
        int field = 0;
        int pos = close + 2;
        while (pos < length && field <= 21) {
            int end = pos;
            while (end < length && b[end] != ' ' && b[end] != '\n') {
                end++;
            }
            switch (field) {
                case 0 -> state = b[pos];
                case 1 -> ppid = number(b, pos, end);
                case 11 -> utime = number(b, pos, end);
                case 12 -> stime = number(b, pos, end);
                case 19 -> start = number(b, pos, end);
                case 21 -> rss = number(b, pos, end);
                default -> {}
            }
            field++;
            pos = end + 1;
        }
        if (field <= 21 || ppid < 0 || utime < 0 || stime < 0 || start < 0 || rss < 0) {
            return false;
        }
        into.ppid = (int) ppid;
        into.cpuMillis = (utime + stime) * 1000 / hz;
        into.startTime = bootMillis + start * 1000 / hz;
        into.rss = rss * pageSize;
        into.diskWait = state == 'D';
        return true;
    }

    /** {@code read_bytes:} and {@code write_bytes:} lines of {@code io}. */
    private void parseIo(int length, ProcessSample into) {
        byte[] b = buffer;
        long read = -1;
        long written = -1;
        int line = 0;
        while (line < length) {
            int end = line;
            while (end < length && b[end] != '\n') {
                end++;
            }
            if (startsWith(b, line, end, READ_BYTES)) {
                read = number(b, skipSpaces(b, line + READ_BYTES.length, end), end);
            } else if (startsWith(b, line, end, WRITE_BYTES)) {
                written = number(b, skipSpaces(b, line + WRITE_BYTES.length, end), end);
            }
            line = end + 1;
        }
        into.ioReadable = read >= 0 && written >= 0;
        into.read = Math.max(read, 0);
        into.written = Math.max(written, 0);
    }

    private static int skipSpaces(byte[] b, int from, int end) {
        int i = from;
        while (i < end && b[i] == ' ') {
            i++;
        }
        return i;
    }

    private static boolean startsWith(byte[] b, int from, int end, byte[] prefix) {
        if (end - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The decimal number in {@code b[from, end)}; -1 when it is empty, not decimal or too long. */
    private static long number(byte[] b, int from, int end) {
        if (from >= end || end - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < end; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
