/**
 * Baselines the real code is measured against: a straightforward parboiled grammar of the query language (one
 * rule per character class, action expressions, one parser per thread), and the OS-figure sampler as it was
 * before issue 17 ({@link org.activity4j.benchmarks.baseline.OldProcessSampler}).
 */
@NullMarked
package org.activity4j.benchmarks.baseline;

import org.jspecify.annotations.NullMarked;
