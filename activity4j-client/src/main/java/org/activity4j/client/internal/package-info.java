/**
 * Implementation of the clients and codecs: JSON plumbing over Jackson, the HTTP transport, the mapping
 * between wire rows and core values. No compatibility promise: anything here may change in any release.
 */
@NullMarked
package org.activity4j.client.internal;

import org.jspecify.annotations.NullMarked;
