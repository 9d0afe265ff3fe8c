/**
 * The runnable agent behind {@link org.activity4j.agent.AgentMain}: its configuration (properties file and
 * flags), the users and access keys files, TLS from PKCS#12 or PEM files, connection pools and the start and
 * graceful stop. Not API: anything here may change or go away in any release, without notice; embed {@link
 * org.activity4j.agent.ReferenceAgent} instead.
 */
@NullMarked
package org.activity4j.agent.internal;

import org.jspecify.annotations.NullMarked;
