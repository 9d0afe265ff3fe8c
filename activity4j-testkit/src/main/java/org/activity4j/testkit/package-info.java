/**
 * A real PostgreSQL for tests and demos, and compatibility kits that every implementation's tests
 * extend. Filled in by a later issue.
 */
@NullMarked
package org.activity4j.testkit;

import org.jspecify.annotations.NullMarked;
