/**
 * The PostgreSQL implementation of {@link org.activity4j.core.BackendInspector} (SQL per server version,
 * lock trees). Not API: anything here may change or go away in any release, without notice.
 */
@NullMarked
package org.activity4j.core.internal;

import org.jspecify.annotations.NullMarked;
