package org.activity4j.examples;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import org.activity4j.agent.ReferenceAgent;
import org.activity4j.client.LandscapeClient;
import org.activity4j.client.TemboardAgentClient;
import org.activity4j.core.ActivityService;
import org.activity4j.core.ActivityStatusChangeException;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.Backend;
import org.activity4j.core.BackendInspector;
import org.activity4j.core.Blocker;
import org.activity4j.core.Computer;
import org.activity4j.core.LockTreeNode;
import org.activity4j.core.LockWait;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.core.ProcessStats;
import org.activity4j.core.SignalResult;
import org.activity4j.procstats.OshiProcessStats;
import org.activity4j.query.QueryCriteria;
import org.activity4j.testkit.TestDatabase;
import org.activity4j.testkit.TestPostgres;
import org.activity4j.testkit.TestSession;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL part of the demo: an embedded PostgreSQL with a real lock conflict (or the server of
 * {@code --jdbc-url}), its activity, waiting and blocking backends and lock tree, then the same through the
 * reference agent and the two HTTP clients.
 */
final class BackendsDemo {
    private BackendsDemo() {}

    /** Inspects the given server as it is. */
    static void inspect(PrintStream out, String jdbcUrl) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(jdbcUrl);
        show(
                out,
                "== PostgreSQL backends of " + jdbcUrl.replaceAll("password=[^&]*", "password=***"),
                BackendInspector.builder(dataSource)
                        .processStats(OshiProcessStats.create())
                        .build());
    }

    /** Starts the embedded PostgreSQL, makes a lock conflict, shows it locally and through the agent. */
    static void embedded(PrintStream out) {
        TestPostgres server = TestPostgres.newest();
        try (TestDatabase db = server.createDatabase();
                TestSession holder = db.openSession();
                TestSession writer = db.openSession();
                TestSession locker = db.openSession()) {
            db.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL);"
                    + " INSERT INTO accounts VALUES (1, 100), (2, 200)");
            holder.execute("BEGIN; UPDATE accounts SET balance = balance - 10 WHERE id = 1");
            writer.start("UPDATE accounts SET balance = balance + 10 WHERE id = 1");
            db.awaitWaitingOnLock(writer.pid());
            locker.start("BEGIN; LOCK TABLE accounts IN ACCESS EXCLUSIVE MODE");
            db.awaitWaitingOnLock(locker.pid());

            BackendInspector local = BackendInspector.builder(db.dataSource())
                    .processStats(OshiProcessStats.create())
                    .build();
            show(
                    out,
                    "== PostgreSQL backends (" + server.description() + "): backend " + holder.pid()
                            + " holds a row lock, " + writer.pid() + " and " + locker.pid() + " wait",
                    local);

            ActivityStore store = ActivityStores.inMemory();
            store.registerPerson(new Person(5, "Jane Doe", "jane@example.com"));
            store.registerComputer(
                    Computer.builder(2, "web1").tags(Set.of("server")).build());
            long delivered = store.createActivity(NewActivity.builder("ChangePackagesRequest", 5)
                            .computerId(2)
                            .summary("Upgrade web1")
                            .build())
                    .id();
            store.markDelivered(delivered);
            store.createActivity(NewActivity.builder("RestartRequest", 5)
                    .computerId(2)
                    .summary("Restart web1")
                    .requiresApproval(true)
                    .build());
            try (ReferenceAgent agent = ReferenceAgent.builder()
                            .backendInspector(local)
                            .user("alice", "demo-password")
                            .activityStore(store)
                            .accessKey("DEMOKEY", "demo-secret", ActivityStores.DEFAULT_ACCOUNT)
                            .start();
                    TemboardAgentClient temboard = TemboardAgentClient.builder(agent.uri())
                            .credentials("alice", "demo-password")
                            .build()) {
                show(
                        out,
                        "== The same through the reference agent at " + agent.uri() + " (temBoard /activity API)",
                        temboard);
                out.println("terminate " + writer.pid() + " through the agent: "
                        + temboard.terminate(List.of(writer.pid())).stream()
                                .map(BackendsDemo::said)
                                .collect(java.util.stream.Collectors.joining("; ")));
                remoteActivities(out, agent.landscapeUri());
            }
            holder.execute("ROLLBACK");
        }
    }

    /** A signal's result in words. */
    private static String said(SignalResult result) {
        switch (result.outcome()) {
            case SIGNALLED:
                return result.pid() + " was sent SIGTERM (pg_terminate_backend); its session ends";
            case NOT_A_BACKEND:
                return result.pid() + " is not a backend of this server (it may have ended already)";
            default:
                return result.pid() + " was not signalled: " + result.outcome()
                        + result.message().map(m -> " (" + m + ")").orElse("");
        }
    }

    private static void remoteActivities(PrintStream out, URI landscape) {
        try (LandscapeClient remote = LandscapeClient.builder(landscape)
                .accessKey("DEMOKEY", "demo-secret")
                .build()) {
            remoteActivities(out, landscape, remote);
        }
    }

    private static void remoteActivities(PrintStream out, URI landscape, ActivityService remote) {
        out.println();
        out.println("== Landscape activities through the reference agent at " + landscape + " (?action= API)");
        out.println("query: computer:tag:server");
        out.printf("  %-4s %-22s %-12s %s%n", "id", "type", "status", "summary");
        remote.getActivities(QueryCriteria.parse("computer:tag:server"), 20, 0)
                .forEach(a -> out.printf(
                        "  %-4d %-22s %-12s %s%n", a.id(), a.type(), a.status().wireName(), a.summary()));
        out.println(
                "approve status:unapproved -> " + remote.approveActivities(QueryCriteria.parse("status:unapproved")));
        try {
            remote.cancelActivities(QueryCriteria.parse("computer:tag:server"));
        } catch (ActivityStatusChangeException e) {
            out.println("cancel computer:tag:server is refused by the server, nothing changed:");
            out.println(e.toLines().replaceAll("(?m)^", "  "));
        }
        out.println("types -> " + remote.getActivityTypes().size() + " known types, e.g. "
                + remote.getActivityTypes().subList(0, 3));
    }

    private static void show(PrintStream out, String title, BackendInspector inspector) {
        out.println();
        out.println(title);
        List<Backend> backends = inspector.activity();
        // Database names in full when they fit in 24 columns: the column is as wide as the longest one.
        int dbWidth = Math.min(
                24,
                Math.max(
                        "database".length(),
                        backends.stream()
                                .mapToInt(b -> b.database().orElse("-").length())
                                .max()
                                .orElse(0)));
        String row = "  %-7s %-" + dbWidth + "s %-9s %-4s %-20s %7s %6s %6s %7s %7s %4s  %s%n";
        out.printf(
                Locale.ROOT,
                row,
                "pid",
                "database",
                "user",
                "wait",
                "state",
                "secs",
                "cpu%",
                "mem%",
                "read/s",
                "write/s",
                "iow",
                "query");
        for (Backend b : backends) {
            ProcessStats p = b.processStats();
            out.printf(
                    Locale.ROOT,
                    row,
                    b.pid(),
                    cut(b.database().orElse("-"), dbWidth),
                    cut(b.user().orElse("-"), 9),
                    b.waitingOnLock() ? "Y" : "N",
                    cut(b.state().orElse("-"), 20),
                    b.duration()
                            .map(d -> String.format(Locale.ROOT, "%.2f", d.toMillis() / 1000.0))
                            .orElse("-"),
                    percent(p.cpuPercent()),
                    percent(p.memoryPercent()),
                    bytes(p.readBytesPerSecond()),
                    bytes(p.writeBytesPerSecond()),
                    p.ioWait().map(w -> w ? "Y" : "N").orElse("N/A"),
                    cut(b.query().strip().replaceAll("\\s+", " "), 60));
        }
        List<LockWait> waiting = inspector.waiting();
        out.println("  waiting:");
        out.printf("    %-7s %-14s %-20s %-10s %s%n", "pid", "lock type", "mode", "relation", "blocked by");
        for (LockWait w : waiting) {
            out.printf(
                    "    %-7d %-14s %-20s %-10s %s%s%n",
                    w.backend().pid(),
                    w.lock().type(),
                    w.lock().mode(),
                    w.lock().relation().orElse("-"),
                    w.blockedBy(),
                    w.blockedByPrepared().isEmpty()
                            ? ""
                            : " and prepared "
                                    + w.blockedByPrepared().stream()
                                            .map(p -> p.gid())
                                            .toList());
        }
        out.println("  lock tree (each backend once, under the backend it waits on directly):");
        List<LockTreeNode> roots = inspector.lockTree();
        for (LockTreeNode root : roots) {
            tree(out, root, "    ", "    ");
        }
    }

    private static String percent(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.1f", value.getAsDouble()) : "N/A";
    }

    /** Bytes per second in binary units, as pg_activity shows them: {@code 0B}, {@code 12.0K}, {@code 3.4M}. */
    private static String bytes(OptionalDouble value) {
        if (value.isEmpty()) {
            return "N/A";
        }
        double v = value.getAsDouble();
        String[] units = {"B", "K", "M", "G", "T"};
        int unit = 0;
        while (v >= 1024 && unit < units.length - 1) {
            v /= 1024;
            unit++;
        }
        return unit == 0
                ? String.format(Locale.ROOT, "%.0f%s", v, units[unit])
                : String.format(Locale.ROOT, "%.1f%s", v, units[unit]);
    }

    /**
     * One node per line: {@code ├ } before a child that has siblings after it, {@code └ } before the last one,
     * and {@code │} continuing the branch of an ancestor that has more children below. The node's other
     * blockers come after "+ also blocked by".
     */
    private static void tree(PrintStream out, LockTreeNode node, String first, String rest) {
        String what = node.blocker() instanceof Blocker.OfPreparedTransaction p
                ? "prepared transaction " + p.transaction().gid() + " of "
                        + p.transaction().owner().orElse("?")
                : node.blocker().pid().getAsInt() + " " + node.blocker().kind() + "  "
                        + cut(
                                ((Blocker.OfBackend) node.blocker())
                                        .backend()
                                        .query()
                                        .strip()
                                        .replaceAll("\\s+", " "),
                                60);
        String also = node.alsoBlockedBy().isEmpty()
                ? ""
                : "  + also blocked by "
                        + node.alsoBlockedBy().stream().map(Blocker::id).toList();
        out.println(first + what + also);
        List<LockTreeNode> children = node.blocked();
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            tree(out, children.get(i), rest + (last ? "└ " : "├ "), rest + (last ? "  " : "│ "));
        }
    }

    private static String cut(String s, int width) {
        return s.length() <= width ? s : s.substring(0, width - 1) + "…";
    }
}
