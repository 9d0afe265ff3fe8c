/** JMH benchmarks of activity4j (not published). Results and commands are in PERFORMANCE.md. */
@NullMarked
package org.activity4j.benchmarks;

import org.jspecify.annotations.NullMarked;
