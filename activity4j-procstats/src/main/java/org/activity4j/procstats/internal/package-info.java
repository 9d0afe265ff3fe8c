/**
 * Sampling of processes with OSHI and /proc. Not API: anything here may change or go away in any release,
 * without notice.
 */
@NullMarked
package org.activity4j.procstats.internal;

import org.jspecify.annotations.NullMarked;
