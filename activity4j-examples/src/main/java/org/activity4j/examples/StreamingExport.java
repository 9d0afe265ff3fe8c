package org.activity4j.examples;

import java.util.stream.Stream;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityService;
import org.activity4j.core.ActivityStores;
import org.activity4j.query.QueryCriteria;

/** The README's "Streaming every match": every failed activity, written out one at a time. */
public final class StreamingExport {
    private StreamingExport() {}

    /** Prints one line per failed activity of {@code service}, newest first; returns how many. */
    public static long export(ActivityService service) {
        long written = 0;
        try (Stream<Activity> failed = service.streamActivities(QueryCriteria.parse("status:failed"))) {
            for (Activity a : (Iterable<Activity>) failed::iterator) {
                System.out.println(a.id() + "\t" + a.creationTime() + "\t" + a.summary());
                written++;
            }
        }
        return written;
    }

    public static void main(String[] args) {
        System.out.println(export(ActivityStores.inMemory()) + " failed activities");
    }
}
