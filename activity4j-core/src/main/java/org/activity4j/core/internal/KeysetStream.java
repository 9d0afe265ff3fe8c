package org.activity4j.core.internal;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityService;
import org.activity4j.core.ActivityStoreException;

/**
 * A lazy stream of activities read page by page, each page the activities after the last one yielded in the
 * stores' order ({@link #NEWEST_FIRST}). Holds one page at a time; nothing is read before the stream's first
 * element is asked for, and nothing after it is closed. A page that does not move forward (an activity not
 * strictly after the one before it) stops the stream with an {@link ActivityStoreException}, so a broken keyset
 * fails once instead of reading the same page forever.
 */
public final class KeysetStream {
    /** The order of {@code getActivities}: creation time descending, then id descending. */
    public static final Comparator<Activity> NEWEST_FIRST = (a, b) -> {
        int byTime = b.creationTime().compareTo(a.creationTime());
        return byTime != 0 ? byTime : Long.compare(b.id(), a.id());
    };

    /** One page: its activities, and whether more may follow. */
    public record Page(List<Activity> activities, boolean more) {
        public Page {
            activities = List.copyOf(activities);
        }

        /** A page read with {@code pageSize}: more may follow when it is full. */
        public static Page of(List<Activity> activities, int pageSize) {
            return new Page(activities, activities.size() >= pageSize);
        }
    }

    /** Reads the page after {@code last} (the first page when empty). */
    @FunctionalInterface
    public interface PageReader {
        Page after(Optional<Activity> last);
    }

    private KeysetStream() {}

    /** Rejects a page size out of 1 to {@link ActivityService#MAX_LIMIT}. */
    public static void checkPageSize(int pageSize) {
        if (pageSize < 1 || pageSize > ActivityService.MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "pageSize must be from 1 to " + ActivityService.MAX_LIMIT + ": " + pageSize);
        }
    }

    /** The activities of the pages {@code reader} reads, one page after the other. */
    public static Stream<Activity> of(PageReader reader) {
        Iterator<Activity> pages = new Pages(reader);
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(
                        pages, Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT),
                false);
    }

    /**
     * Fails when a page does not move the stream forward: each of its activities must come strictly after the
     * one before it in {@link #NEWEST_FIRST} (the first after {@code last}). A reader whose keyset does not
     * advance (a page read again, a key decoded wrongly) would otherwise make the stream read the same pages
     * without end.
     */
    static void checkProgress(List<Activity> page, Optional<Activity> last) {
        Activity previous = last.orElse(null);
        for (Activity a : page) {
            if (previous != null && NEWEST_FIRST.compare(a, previous) <= 0) {
                throw new ActivityStoreException("a page of the stream does not follow the activity before it:"
                        + " activity " + a.id() + " created " + a.creationTime() + " came after activity "
                        + previous.id() + " created " + previous.creationTime()
                        + " (the order is creation time descending, then id descending); the stream is stopped"
                        + " rather than read the same activities again");
            }
            previous = a;
        }
    }

    private static final class Pages implements Iterator<Activity> {
        private final PageReader reader;
        private List<Activity> page = List.of();
        private int next;
        private boolean more = true;
        private Optional<Activity> last = Optional.empty();

        Pages(PageReader reader) {
            this.reader = reader;
        }

        @Override
        public boolean hasNext() {
            while (next == page.size()) {
                if (!more) {
                    return false;
                }
                Page read = reader.after(last);
                checkProgress(read.activities(), last);
                page = read.activities();
                next = 0;
                more = read.more();
            }
            return true;
        }

        @Override
        public Activity next() {
            if (!hasNext()) {
                throw new NoSuchElementException("no more activities");
            }
            Activity a = page.get(next++);
            last = Optional.of(a);
            if (next == page.size()) {
                page = List.of(); // let the page go before reading the next
                next = 0;
            }
            return a;
        }
    }
}
