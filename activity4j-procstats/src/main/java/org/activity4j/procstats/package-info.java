/**
 * OS process statistics (CPU, memory, disk I/O) of PostgreSQL backends, behind core's
 * {@code ProcessStatsSource}. Filled in by a later issue.
 */
@NullMarked
package org.activity4j.procstats;

import org.jspecify.annotations.NullMarked;
