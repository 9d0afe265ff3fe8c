/**
 * The Landscape activity query language: an immutable syntax tree ({@link org.activity4j.query.QueryCriteria}),
 * its parser and its canonical printer.
 *
 * <pre>{@code
 * QueryCriteria q = QueryCriteria.parse("status:succeeded computer:tag:laptop");
 * String text = q.toQueryString();   // "status:succeeded computer:tag:laptop"
 * }</pre>
 *
 * <p>Criteria separated by whitespace are combined with AND; {@code OR} binds tighter than that implicit
 * AND; {@code NOT} negates the single criterion after it. There are no parentheses.
 */
@NullMarked
package org.activity4j.query;

import org.jspecify.annotations.NullMarked;
