/**
 * The demo (the project's main job, {@link org.activity4j.examples.Demo}) and runnable samples. Every code
 * sample of the README is a class here, so the build compiles it.
 */
@NullMarked
package org.activity4j.examples;

import org.jspecify.annotations.NullMarked;
