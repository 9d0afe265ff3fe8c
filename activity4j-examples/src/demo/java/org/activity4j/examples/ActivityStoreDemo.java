package org.activity4j.examples;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStatusChangeException;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.Computer;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.query.QueryCriteria;

/** The activity part of the demo: an embedded store, queries, a cancel, an approve and a refused change. */
final class ActivityStoreDemo {
    private ActivityStoreDemo() {}

    static void run(PrintStream out) {
        ActivityStore store = ActivityStores.inMemory();
        store.registerPerson(new Person(5, "Jane Doe", "jane@example.com"));
        store.registerPerson(new Person(6, "John Roe", "john@example.org"));
        store.registerComputer(Computer.builder(1, "laptop1")
                .tags(Set.of("laptop"))
                .needsReboot(true)
                .build());
        store.registerComputer(Computer.builder(2, "web1")
                .title("Café box")
                .tags(Set.of("server"))
                .build());
        store.registerComputer(
                Computer.builder(3, "web2").tags(Set.of("server")).build());
        Activity upgrade = store.createActivity(NewActivity.builder("ChangePackagesRequest", 5)
                .computerId(2)
                .summary("Upgrade packages on web1")
                .build());
        store.createActivity(NewActivity.builder("RestartRequest", 6)
                .computerId(3)
                .summary("Restart web2")
                .requiresApproval(true)
                .build());
        store.createActivity(NewActivity.builder("RestartRequest", 5)
                .computerId(1)
                .summary("Restart laptop1")
                .deliverAfter(java.time.Instant.now().plus(Duration.ofHours(2)))
                .requiresApproval(true)
                .build());
        store.markDelivered(upgrade.id());

        out.println();
        out.println("== Landscape activities, in the embedded store");
        print(out, store, "");
        print(out, store, "computer:tag:server");
        print(out, store, "status:unapproved OR status:delivered");
        print(out, store, "restart NOT computer:needs:reboot");

        out.println();
        out.println(
                "approve status:unapproved -> " + store.approveActivities(QueryCriteria.parse("status:unapproved")));
        out.println("  (an approved activity is undelivered, or scheduled when it may not be delivered before a"
                + " later time: 3 waits two hours)");
        print(out, store, "");
        try {
            store.cancelActivities(QueryCriteria.parse("computer:tag:server"));
        } catch (ActivityStatusChangeException e) {
            out.println("cancel computer:tag:server is refused, nothing changed:");
            out.println(e.toLines().replaceAll("(?m)^", "  "));
        }
        out.println(
                "cancel computer:tag:laptop -> " + store.cancelActivities(QueryCriteria.parse("computer:tag:laptop")));
        print(out, store, "");
    }

    private static void print(PrintStream out, ActivityStore store, String query) {
        List<Activity> page = store.getActivities(QueryCriteria.parse(query), 20, 0);
        out.println();
        out.println("query: " + (query.isEmpty() ? "(all)" : query));
        out.printf("  %-4s %-22s %-12s %-9s %s%n", "id", "type", "status", "computer", "summary");
        for (Activity a : page) {
            out.printf(
                    "  %-4d %-22s %-12s %-9s %s%n",
                    a.id(),
                    a.type(),
                    a.status().wireName(),
                    a.computerId().isPresent()
                            ? store.computer(a.computerId().getAsLong())
                                    .map(Computer::hostname)
                                    .orElse(Long.toString(a.computerId().getAsLong()))
                            : "-",
                    a.summary());
        }
    }
}
