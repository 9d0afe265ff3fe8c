/**
 * Micrometer metrics for activity4j, over core's interfaces only, so that they work alike for the local
 * PostgreSQL and in-memory implementations and for the remote clients: {@link
 * org.activity4j.micrometer.BackendInspectorMetrics} (gauges of a {@link org.activity4j.core.BackendInspector},
 * sampled on scrape), {@link org.activity4j.micrometer.MeteredActivityService}, {@link
 * org.activity4j.micrometer.MeteredActivityStore} and {@link org.activity4j.micrometer.MeteredBackendInspector}
 * (timers, sizes and errors of every call).
 *
 * <pre>{@code
 * MeterRegistry registry = new SimpleMeterRegistry();
 * BackendInspector inspector = MeteredBackendInspector.of(BackendInspector.postgres(dataSource), registry);
 * BackendInspectorMetrics.of(inspector).bindTo(registry);
 * ActivityService service = MeteredActivityService.of(ActivityStores.postgres(dataSource), registry);
 * }</pre>
 */
@NullMarked
package org.activity4j.micrometer;

import org.jspecify.annotations.NullMarked;
