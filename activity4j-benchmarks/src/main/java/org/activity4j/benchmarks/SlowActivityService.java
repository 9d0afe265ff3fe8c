package org.activity4j.benchmarks;

import java.util.List;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityService;
import org.activity4j.query.QueryCriteria;

/** An {@link ActivityService} that waits {@link ServiceLatency} before each call, then delegates. */
final class SlowActivityService implements ActivityService {
    private final ActivityService delegate;
    private final ServiceLatency latency;

    SlowActivityService(ActivityService delegate, ServiceLatency latency) {
        this.delegate = delegate;
        this.latency = latency;
    }

    @Override
    public List<Activity> getActivities(QueryCriteria query, int limit, int offset) {
        latency.await();
        return delegate.getActivities(query, limit, offset);
    }

    @Override
    public List<String> getActivityTypes() {
        latency.await();
        return delegate.getActivityTypes();
    }

    @Override
    public List<Long> cancelActivities(QueryCriteria query) {
        latency.await();
        return delegate.cancelActivities(query);
    }

    @Override
    public List<Long> approveActivities(QueryCriteria query) {
        latency.await();
        return delegate.approveActivities(query);
    }
}
