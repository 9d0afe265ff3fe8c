/**
 * Implementations behind core's interfaces: the PostgreSQL {@link org.activity4j.core.BackendInspector}
 * (SQL per server version, lock trees), the activity stores, the query matchers, JSON text. Not API:
 * anything here may change or go away in any release, without notice.
 */
@NullMarked
package org.activity4j.core.internal;

import org.jspecify.annotations.NullMarked;
