/**
 * Implementations behind core's interfaces (the stores, the query matchers, JSON text). Not API: anything
 * here may change or go away in any release, without notice.
 */
@NullMarked
package org.activity4j.core.internal;

import org.jspecify.annotations.NullMarked;
