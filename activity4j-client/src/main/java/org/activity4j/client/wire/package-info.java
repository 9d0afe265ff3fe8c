/**
 * The two wire formats as codecs, usable by clients and servers alike: {@link
 * org.activity4j.client.wire.TemboardCodec} (temBoard agent's old {@code /activity} API), {@link
 * org.activity4j.client.wire.LandscapeCodec}, {@link org.activity4j.client.wire.LandscapeParams} and {@link
 * org.activity4j.client.wire.LandscapeSignature} (Landscape's legacy {@code ?action=} API). Every decoder
 * throws nothing but {@link org.activity4j.core.WireFormatException} for bad input.
 */
@NullMarked
package org.activity4j.client.wire;

import org.jspecify.annotations.NullMarked;
