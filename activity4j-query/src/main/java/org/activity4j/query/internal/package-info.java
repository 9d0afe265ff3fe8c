/**
 * Implementation of the query language (the parboiled grammar, its token matchers, the printer).
 * Not API: anything here may change or go away in any release, without notice.
 */
@NullMarked
package org.activity4j.query.internal;

import org.jspecify.annotations.NullMarked;
