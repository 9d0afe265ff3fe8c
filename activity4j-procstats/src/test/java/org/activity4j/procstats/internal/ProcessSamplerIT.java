package org.activity4j.procstats.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.activity4j.core.BackendProcess;
import org.activity4j.testkit.PostgresMatrixTest;
import org.activity4j.testkit.TestDatabase;
import org.activity4j.testkit.TestSession;

/** The files {@link ProcessSampler} keeps open: closed when a pid leaves or is reused, bounded, closed on close. */
class ProcessSamplerIT {
    private static final Pattern PROC_FILE = Pattern.compile("/proc/(\\d+)/(?:stat|io)");
    private static final Duration WINDOW = Duration.ofMillis(20);

    private final AtomicLong clock = new AtomicLong(System.nanoTime());

    private ProcessSampler sampler(int maxKeptOpen) {
        return new ProcessSampler(WINDOW, Duration.ofSeconds(2), maxKeptOpen, clock::get);
    }

    /**
     * How many /proc/<pid>/stat and /proc/<pid>/io files of these backends this JVM has open. Only theirs: files
     * of other processes, opened by samplers of earlier tests and closed by a garbage collector's cleaner at any
     * moment, would make the count move under the test.
     */
    private static long openProcFiles(List<BackendProcess> backends) throws IOException {
        Set<String> pids = new HashSet<>();
        for (BackendProcess backend : backends) {
            pids.add(Integer.toString(backend.pid()));
        }
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                        try {
                            Matcher file =
                                    PROC_FILE.matcher(Files.readSymbolicLink(fd).toString());
                            return file.matches() && pids.contains(file.group(1));
                        } catch (IOException e) {
                            return false; // the listing's own descriptor, closed meanwhile
                        }
                    })
                    .count();
        }
    }

    @PostgresMatrixTest
    void backendThatExitsHasItsFilesClosed(TestDatabase db) throws IOException {
        TestSession session = db.openSession();
        BackendProcess backend = Backends.of(db, session);
        try (ProcessSampler sampler = sampler(10)) {
            assertThat(sampler.sample(List.of(backend))).containsKey(session.pid());
            assertThat(sampler.keptOpen()).isEqualTo(1);

            session.close();
            db.awaitTrue("SELECT NOT EXISTS (SELECT 1 FROM pg_stat_activity WHERE pid = ?)", backend.pid());
            Backends.awaitGone(backend.pid());

            assertThat(sampler.sample(List.of(backend))).isEmpty();
            assertThat(sampler.keptOpen()).isZero();
            assertThat(sampler.tracked()).isZero();
        }
    }

    @PostgresMatrixTest
    void pidNotAskedForThirtySecondsHasItsFilesClosedAndAfterFiveMinutesIsForgotten(TestDatabase db) {
        BackendProcess a = Backends.of(db, db.openSession());
        BackendProcess b = Backends.of(db, db.openSession());
        try (ProcessSampler sampler = sampler(10)) {
            sampler.sample(List.of(a, b));
            assertThat(sampler.keptOpen()).isEqualTo(2);

            clock.addAndGet(ProcessSampler.CLOSE_UNASKED.plusSeconds(1).toNanos());
            sampler.sample(List.of(b));
            assertThat(sampler.keptOpen()).isEqualTo(1);
            assertThat(sampler.tracked()).isEqualTo(2);

            clock.addAndGet(ProcessSampler.FORGET.toNanos());
            sampler.sample(List.of(b));
            assertThat(sampler.tracked()).isEqualTo(1);
        }
    }

    @PostgresMatrixTest
    void samePidAskedWithAnotherStartClosesItsFilesAndStartsOver(TestDatabase db) {
        TestSession session = db.openSession();
        BackendProcess backend = Backends.of(db, session);
        BackendProcess reused = BackendProcess.of(
                backend.pid(), backend.backendStart().orElseThrow().plus(Duration.ofHours(1)));
        try (ProcessSampler sampler = sampler(10)) {
            sampler.sample(List.of(backend));

            assertThat(sampler.sample(List.of(reused))).isEmpty();
            assertThat(sampler.keptOpen()).isZero();
            assertThat(sampler.tracked()).isZero();

            assertThat(sampler.sample(List.of(backend))).containsKey(backend.pid());
            assertThat(sampler.keptOpen()).isEqualTo(1);
        }
    }

    @PostgresMatrixTest
    void atMostMaxKeptOpenProcessesKeepFilesAndTheOthersAreStillSampled(TestDatabase db) throws IOException {
        List<BackendProcess> backends = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            backends.add(Backends.of(db, db.openSession()));
        }
        long before = openProcFiles(backends);
        try (ProcessSampler sampler = sampler(5)) {
            sampler.sample(backends);

            assertThat(sampler.sample(backends)).hasSize(12);
            assertThat(sampler.keptOpen()).isEqualTo(5);
            assertThat(openProcFiles(backends) - before).isBetween(5L, 10L);
        }
    }

    @PostgresMatrixTest
    void closeReleasesEveryFileAndLaterCallsAreRefused(TestDatabase db) throws IOException {
        List<BackendProcess> backends = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            backends.add(Backends.of(db, db.openSession()));
        }
        long before = openProcFiles(backends);
        ProcessSampler sampler = sampler(100);
        sampler.sample(backends);
        assertThat(openProcFiles(backends) - before).isEqualTo(16); // root reads every io file

        sampler.close();

        assertThat(openProcFiles(backends)).isEqualTo(before);
        assertThatThrownBy(() -> sampler.sample(backends))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @PostgresMatrixTest
    void concurrentCallersShareOneSetOfFiles(TestDatabase db) throws Exception {
        List<BackendProcess> backends = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            backends.add(Backends.of(db, db.openSession()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ProcessSampler sampler = sampler(100)) {
            sampler.sample(backends);
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                calls.add(pool.submit(() -> sampler.sample(backends).size()));
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo(6);
            }
            assertThat(sampler.keptOpen()).isEqualTo(6);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The backends of sessions, with their start from {@code pg_stat_activity}. */
    static final class Backends {
        private Backends() {}

        static BackendProcess of(TestDatabase db, TestSession session) {
            try (Connection c = db.dataSource().getConnection();
                    PreparedStatement s =
                            c.prepareStatement("SELECT backend_start FROM pg_stat_activity WHERE pid = ?")) {
                s.setInt(1, session.pid());
                try (ResultSet rs = s.executeQuery()) {
                    if (!rs.next()) {
                        throw new AssertionError("no backend " + session.pid());
                    }
                    return BackendProcess.of(
                            session.pid(), rs.getObject(1, OffsetDateTime.class).toInstant());
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Waits (at most 10 s) until the process has exited and its parent has reaped it. */
        static void awaitGone(int pid) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (Files.exists(Path.of("/proc/" + pid))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("process " + pid + " still exists after 10 s");
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }
}
