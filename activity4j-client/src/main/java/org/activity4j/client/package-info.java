/**
 * HTTP clients for the temBoard {@code /activity} and Landscape {@code ?action=} wire formats,
 * implementing core's interfaces remotely. Filled in by a later issue.
 */
@NullMarked
package org.activity4j.client;

import org.jspecify.annotations.NullMarked;
