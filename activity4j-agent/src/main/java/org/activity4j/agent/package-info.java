/**
 * activity4j's reference agent: a small HTTP server on the JDK's {@code com.sun.net.httpserver} that serves
 * temBoard's old activity API over any {@link org.activity4j.core.BackendInspector} and Landscape's legacy
 * {@code ?action=} API over any {@link org.activity4j.core.ActivityService}. Only {@link
 * org.activity4j.agent.ReferenceAgent} is public; the rest is package-private.
 */
@NullMarked
package org.activity4j.agent;

import org.jspecify.annotations.NullMarked;
