package org.activity4j.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.activity4j.client.TemboardSignedClient;
import org.activity4j.core.BackendInspector;

/**
 * Server CPU per {@code GET /activity} of two temBoard agents side by side (issue 17): activity4j's agent and
 * the real temBoard agent, both serving the signed temBoard API over the same PostgreSQL, asked by the same
 * client ({@link TemboardSignedClient}, one call at a time). Server CPU is read from {@code /proc}: the agent's
 * process tree and PostgreSQL's (the postmaster and every descendant), {@code utime + stime + cutime +
 * cstime} of each live process, so a backend that lived for one call only (the real agent connects anew per
 * call) is counted in its parent's {@code cutime}/{@code cstime} once it is reaped. The figure is the change
 * over {@code calls} calls after {@code warmup} calls ({@code realWarmup} for the real agent, {@code warmup} unless
 * given: Python has no JIT to warm, and each of its calls takes 150-350 ms of wall time, so a warm-up long
 * enough for the JVM's compilers to settle would take an hour), divided by {@code calls}. It opens the sessions itself
 * over {@code jdbc} (a fifth of them in {@code pg_sleep}, the others idle) and grows them to each count of
 * {@code sessions} in turn. With {@code rounds} (default 1) the measured calls are split into that many rounds that
 * alternate between the agents (A, B, A, B, ...), so a drift of the machine or of one JVM over the run does not
 * fall on one agent only; the figure is the sum of the rounds' changes divided by {@code calls}.
 *
 * <pre>{@code
 * java -cp activity4j-benchmarks/target/benchmarks.jar org.activity4j.benchmarks.AgentServerCpuHarness \
 *     ours=https://127.0.0.1:P1/ oursPid=PID real=https://127.0.0.1:P2/ realPid=PID postmasterPid=PID \
 *     jdbc=jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres key=signing-private.pem cert=agent.pem \
 *     [sessions=100,500] [calls=200] [warmup=100] [realWarmup=100] [rounds=1] [realName="temBoard agent 10.0"]
 *     [plain=none]
 * }</pre>
 *
 * <p>{@code realName} labels the second agent in the table; {@code .ci/agent-server-cpu} gives another build of
 * activity4j's agent that place with {@code COMPARE_DIST}, to compare two builds in one run. {@code plain=ours}
 * (or {@code real}) asks that agent through the client's {@link TemboardSignedClient#withoutProcessStats()} view
 * (no {@code GET /activity}) instead of the client itself; with {@code COMPARE_DIST} naming the same build, it
 * measures what the view saves.
 *
 * <p>{@code .ci/agent-server-cpu} sets both agents up and runs this. The machine's other work does not change
 * CPU time much; the load average is printed next to the figures.
 */
public final class AgentServerCpuHarness {
    private static final long TICKS_PER_SECOND = 100; // USER_HZ

    private AgentServerCpuHarness() {}

    public static void main(String[] args) throws Exception {
        HarnessOptions options = HarnessOptions.parse(
                args,
                Set.of(
                        "ours",
                        "oursPid",
                        "real",
                        "realPid",
                        "postmasterPid",
                        "jdbc",
                        "key",
                        "cert",
                        "sessions",
                        "calls",
                        "warmup",
                        "realWarmup",
                        "rounds",
                        "realName",
                        "plain"));
        List<Integer> sessions = options.integers("sessions", List.of(100, 500));
        int calls = options.integer("calls", 200);
        int warmup = options.integer("warmup", 100);
        int realWarmup = options.integer("realWarmup", warmup);
        int rounds = options.integer("rounds", 1);
        if (rounds < 1 || rounds > calls) {
            throw new IllegalArgumentException("rounds must be 1 to calls (" + calls + "): " + rounds);
        }
        String plain = options.string("plain", "none");
        if (!List.of("none", "ours", "real").contains(plain)) {
            throw new IllegalArgumentException("plain must be none, ours or real: " + plain);
        }
        int postmaster = Integer.parseInt(options.string("postmasterPid"));
        PrivateKey key = key(Path.of(options.string("key")));
        SSLContext tls = trusting(Path.of(options.string("cert")));
        int limit = sessions.stream().mapToInt(Integer::intValue).max().orElse(100) * 2;
        List<Agent> agents = List.of(
                Agent.of(
                        "activity4j agent",
                        Integer.parseInt(options.string("oursPid")),
                        client(options.string("ours"), key, tls, limit),
                        plain.equals("ours")),
                Agent.of(
                        options.string("realName", "temBoard agent 10.0"),
                        Integer.parseInt(options.string("realPid")),
                        client(options.string("real"), key, tls, limit),
                        plain.equals("real")));
        PrintStream out = System.out;
        List<Connection> open = new ArrayList<>();
        ExecutorService sleepers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "pg_sleep");
            t.setDaemon(true);
            return t;
        });
        out.println(
                "| sessions (in pg_sleep) | agent | rows | agent CPU / call | PostgreSQL CPU / call | server CPU / call | wall p50 | load average |");
        out.println("|---|---|---|---|---|---|---|---|");
        Map<String, double[]> serverPerCall = new HashMap<>();
        try {
            for (int count : sessions) {
                while (open.size() < count) {
                    Connection c = DriverManager.getConnection(options.string("jdbc"));
                    c.setAutoCommit(true);
                    if (open.size() % 5 == 0) {
                        Statement s = c.createStatement();
                        sleepers.submit(() -> s.execute("SELECT pg_sleep(3600)"));
                    } else {
                        try (Statement s = c.createStatement()) {
                            s.execute("SELECT 1");
                        }
                    }
                    open.add(c);
                }
                Thread.sleep(1000);
                for (int a = 0; a < agents.size(); a++) {
                    int agentWarmup = a == 0 ? warmup : realWarmup;
                    for (int i = 0; i < agentWarmup; i++) {
                        agents.get(a).calls.activity();
                    }
                }
                long[][] wall = new long[agents.size()][calls];
                long[] agentTicks = new long[agents.size()];
                long[] pgTicks = new long[agents.size()];
                int[] rows = new int[agents.size()];
                for (int round = 0; round < rounds; round++) {
                    int from = calls * round / rounds;
                    int to = calls * (round + 1) / rounds;
                    for (int a = 0; a < agents.size(); a++) {
                        Agent agent = agents.get(a);
                        long agentBefore = treeTicks(agent.pid);
                        long pgBefore = treeTicks(postmaster);
                        for (int i = from; i < to; i++) {
                            long t0 = System.nanoTime();
                            rows[a] = agent.calls.activity().size();
                            wall[a][i] = System.nanoTime() - t0;
                        }
                        Thread.sleep(200); // lets the postmaster reap the last call's backend
                        agentTicks[a] += treeTicks(agent.pid) - agentBefore;
                        pgTicks[a] += treeTicks(postmaster) - pgBefore;
                    }
                }
                for (int a = 0; a < agents.size(); a++) {
                    Agent agent = agents.get(a);
                    Arrays.sort(wall[a]);
                    double agentMs = ms(agentTicks[a]) / calls;
                    double pgMs = ms(pgTicks[a]) / calls;
                    serverPerCall
                                    .computeIfAbsent(agent.name, n -> new double[sessions.size()])[
                                    sessions.indexOf(count)] =
                            agentMs + pgMs;
                    out.printf(
                            Locale.ROOT,
                            "| %d (%d) | %s | %d | %.2f ms | %.2f ms | **%.2f ms** | %.2f ms | %s |%n",
                            count,
                            (count + 4) / 5,
                            agent.name,
                            rows[a],
                            agentMs,
                            pgMs,
                            agentMs + pgMs,
                            wall[a][calls / 2] / 1e6,
                            loadAverage());
                }
            }
            double[] ours = Objects.requireNonNull(serverPerCall.get(agents.get(0).name));
            double[] real = Objects.requireNonNull(serverPerCall.get(agents.get(1).name));
            for (int i = 0; i < sessions.size(); i++) {
                out.printf(
                        Locale.ROOT,
                        "%d sessions: %s / %s server CPU per call = %.3f (goal against the real agent <= 0.2)%n",
                        sessions.get(i),
                        agents.get(0).name,
                        agents.get(1).name,
                        ours[i] / real[i]);
            }
        } finally {
            for (Connection c : open) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // the harness ends anyway
                }
            }
            sleepers.shutdownNow();
            for (Agent agent : agents) {
                agent.client.close();
            }
        }
    }

    /** An agent, its client, and what is called: the client or its view without OS figures. */
    private record Agent(String name, int pid, TemboardSignedClient client, BackendInspector calls) {
        static Agent of(String name, int pid, TemboardSignedClient client, boolean plain) {
            return plain
                    ? new Agent(name + ", withoutProcessStats()", pid, client, client.withoutProcessStats())
                    : new Agent(name, pid, client, client);
        }
    }

    private static TemboardSignedClient client(String url, PrivateKey key, SSLContext tls, int limit) {
        return TemboardSignedClient.builder(URI.create(url))
                .signWith("alice", key)
                .sslContext(tls)
                .limit(limit)
                .build();
    }

    private static double ms(long ticks) {
        return ticks * 1000.0 / TICKS_PER_SECOND;
    }

    /** utime + stime + cutime + cstime of {@code root} and every live descendant, in clock ticks. */
    static long treeTicks(int root) throws IOException {
        Map<Integer, Integer> parent = new HashMap<>();
        Map<Integer, Long> ticks = new HashMap<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path dir : proc) {
                String stat;
                try {
                    stat = Files.readString(dir.resolve("stat"), StandardCharsets.US_ASCII);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                int pid = Integer.parseInt(dir.getFileName().toString());
                // after "(comm)": state ppid ... utime(14) stime(15) cutime(16) cstime(17), 1-based fields
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1);
                parent.put(pid, Integer.parseInt(f[1]));
                ticks.put(
                        pid,
                        Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]));
            }
        }
        if (!ticks.containsKey(root)) {
            throw new IllegalStateException("no process " + root);
        }
        long sum = 0;
        for (Map.Entry<Integer, Long> e : ticks.entrySet()) {
            int p = e.getKey();
            while (p > 1 && p != root) {
                p = parent.getOrDefault(p, 0);
            }
            if (p == root) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    private static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ", -1);
        return f[0] + " " + f[1] + " " + f[2];
    }

    private static PrivateKey key(Path pem) throws Exception {
        String base64 =
                Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            store.setCertificateEntry(
                    "agent", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }
}
