/**
 * A straightforward parboiled grammar of the query language (one rule per character class, action
 * expressions, one parser per thread), kept only as the baseline the real parser is measured against.
 */
@NullMarked
package org.activity4j.benchmarks.baseline;

import org.jspecify.annotations.NullMarked;
