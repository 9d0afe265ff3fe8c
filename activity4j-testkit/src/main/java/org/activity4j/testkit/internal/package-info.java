/**
 * How testkit finds and starts PostgreSQL servers (explicit URLs, embedded binaries).
 * Not API: anything here may change or go away in any release, without notice.
 */
@NullMarked
package org.activity4j.testkit.internal;

import org.jspecify.annotations.NullMarked;
