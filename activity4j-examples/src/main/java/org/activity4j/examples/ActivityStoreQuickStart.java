package org.activity4j.examples;

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

/** The README's quick start of Landscape activities (activity4j-core), as a program. */
public final class ActivityStoreQuickStart {
    private ActivityStoreQuickStart() {}

    public static void main(String[] args) {
        ActivityStore store = ActivityStores.inMemory(); // or ActivityStores.postgres(dataSource)
        store.registerPerson(new Person(5, "Jane Doe", "jane@example.com"));
        store.registerComputer(
                Computer.builder(3, "web1").tags(Set.of("server")).build());
        Activity restart = store.createActivity(NewActivity.builder("RestartRequest", 5)
                .computerId(3)
                .summary("Restart web1")
                .build());

        List<Activity> page = store.getActivities(QueryCriteria.parse("computer:tag:server"), 20, 0);
        System.out.println(page.get(0).summary()); // Restart web1

        store.markDelivered(restart.id());
        try {
            store.cancelActivities(QueryCriteria.parse("computer:tag:server"));
        } catch (ActivityStatusChangeException e) {
            System.out.println(e.toLines()); // 1 => cannot be canceled: it is delivered
        }
    }
}
