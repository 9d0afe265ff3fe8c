package org.activity4j.core;

import java.util.List;
import java.util.Map;

/**
 * A source of OS figures for backend processes; {@code activity4j-procstats} provides one with OSHI.
 * Implementations report a process only when they can read it and it is the backend (same pid and same
 * start time on this host); rates come from the difference with the previous sample of the same process.
 *
 * <pre>{@code
 * BackendInspector inspector = BackendInspector.builder(dataSource)
 *         .processStats(OshiProcessStats.create())
 *         .build();
 * }</pre>
 *
 * <p>Implementations must be thread-safe.
 */
public interface ProcessStatsSource {

    /**
     * Figures of the given processes, by pid. A pid that is missing from the map, or mapped to
     * {@link ProcessStats#unknown()}, has no figures. Never throws for a process it cannot read.
     */
    Map<Integer, ProcessStats> sample(List<BackendProcess> processes);
}
