/**
 * OS figures (CPU, memory, storage I/O, I/O wait) of PostgreSQL backend processes with OSHI, behind core's
 * {@link org.activity4j.core.ProcessStatsSource}: {@link org.activity4j.procstats.OshiProcessStats}.
 */
@NullMarked
package org.activity4j.procstats;

import org.jspecify.annotations.NullMarked;
