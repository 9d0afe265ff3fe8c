/**
 * Domain types of activity4j: PostgreSQL backends ({@link org.activity4j.core.BackendInspector}) and
 * Landscape-style activities ({@link org.activity4j.core.ActivityService}, {@link
 * org.activity4j.core.ActivityStores}), with their implementations.
 * Every failure is an {@link org.activity4j.core.ActivityException}.
 */
@NullMarked
package org.activity4j.core;

import org.jspecify.annotations.NullMarked;
