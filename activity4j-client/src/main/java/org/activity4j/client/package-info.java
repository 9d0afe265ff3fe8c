/**
 * HTTP clients for the temBoard {@code /activity} and Landscape {@code ?action=} wire formats, implementing
 * core's interfaces remotely: {@link org.activity4j.client.TemboardAgentClient} is a {@link
 * org.activity4j.core.BackendInspector}, {@link org.activity4j.client.LandscapeClient} an {@link
 * org.activity4j.core.ActivityService}.
 */
@NullMarked
package org.activity4j.client;

import org.jspecify.annotations.NullMarked;
