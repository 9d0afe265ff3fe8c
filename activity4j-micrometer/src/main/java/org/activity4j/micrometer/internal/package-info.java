/**
 * What the metrics of activity4j-micrometer are computed from: the summary of one sample of backends, the
 * sampler that bounds and spaces the inspector's calls, the timing of decorated calls. Not API: anything
 * here may change or go away in any release, without notice.
 */
@NullMarked
package org.activity4j.micrometer.internal;

import org.jspecify.annotations.NullMarked;
