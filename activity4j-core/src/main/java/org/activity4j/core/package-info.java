/**
 * Domain types of activity4j: Landscape-style activities ({@code ActivityService}) and PostgreSQL backends
 * ({@code BackendInspector}), with their PostgreSQL and in-memory implementations. Filled in by a later issue.
 */
@NullMarked
package org.activity4j.core;

import org.jspecify.annotations.NullMarked;
