package org.activity4j.micrometer.internal;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Timer;
import java.util.Iterator;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A stream metered as one call: timed from when it is opened to when it ends (its last element read, a
 * failure, or its close, whichever comes first), with the number of elements it yielded recorded once.
 *
 * <p>Not thread-safe, as streams are not.
 */
public final class MeteredStream<T> implements Iterator<T> {
    private final CallTimer timer;
    private final String method;
    private final DistributionSummary size;
    private final Timer.Sample sample;
    private final Iterator<T> elements;
    private long count;
    private boolean ended;

    private MeteredStream(
            CallTimer timer, String method, DistributionSummary size, Timer.Sample sample, Iterator<T> elements) {
        this.timer = timer;
        this.method = method;
        this.size = size;
        this.sample = sample;
        this.elements = elements;
    }

    /**
     * The stream {@code open} gives, metered as {@code method} with {@code size} recording its length; a
     * failure to open is timed as an error and rethrown.
     */
    public static <T> Stream<T> of(CallTimer timer, String method, DistributionSummary size, Supplier<Stream<T>> open) {
        Timer.Sample sample = timer.start();
        Stream<T> stream;
        try {
            stream = open.get();
        } catch (RuntimeException | Error e) {
            timer.stop(sample, method, Optional.of(e));
            throw e;
        }
        MeteredStream<T> metered = new MeteredStream<>(timer, method, size, sample, stream.iterator());
        return StreamSupport.stream(
                        Spliterators.spliteratorUnknownSize(metered, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(() -> {
                    try {
                        stream.close();
                    } finally {
                        metered.end(Optional.empty());
                    }
                });
    }

    @Override
    public boolean hasNext() {
        boolean more;
        try {
            more = elements.hasNext();
        } catch (RuntimeException | Error e) {
            end(Optional.of(e));
            throw e;
        }
        if (!more) {
            end(Optional.empty());
        }
        return more;
    }

    @Override
    public T next() {
        T element;
        try {
            element = elements.next();
        } catch (RuntimeException | Error e) {
            end(Optional.of(e));
            throw e;
        }
        count++;
        return element;
    }

    private void end(Optional<Throwable> failure) {
        if (!ended) {
            ended = true;
            timer.stop(sample, method, failure);
            size.record(count);
        }
    }
}
