/**
 * activity4j's agent: an HTTP server (Jetty 12) that serves temBoard's old activity API over any {@link
 * org.activity4j.core.BackendInspector} and Landscape's legacy {@code ?action=} API over any {@link
 * org.activity4j.core.ActivityService}, embeddable through {@link org.activity4j.agent.ReferenceAgent}.
 * {@link org.activity4j.agent.ReferenceAgent} and {@link org.activity4j.agent.PasswordHash} are its API; the
 * rest is package-private.
 */
@NullMarked
package org.activity4j.agent;

import org.jspecify.annotations.NullMarked;
