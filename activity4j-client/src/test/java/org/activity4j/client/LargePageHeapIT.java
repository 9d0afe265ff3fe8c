package org.activity4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A 200 MB page decodes in a JVM of 512 MiB heap: the client streams the body into activities instead of
 * holding it as bytes, then text, then a tree (which peaked at 1.6 GiB for such a page and failed with an
 * OutOfMemoryError under {@code -Xmx1g}). Runs {@link LargePageHarness} in a child JVM.
 */
class LargePageHeapIT {

    @Test
    void aTwoHundredMegabytePageDecodesUnderHalfAGigabyteOfHeap() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(List.of(
                        java.toString(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LargePageHarness.class.getName(),
                        "200"))
                .redirectErrorStream(true)
                .start();
        boolean done = child.waitFor(5, TimeUnit.MINUTES);
        if (!done) {
            child.destroyForcibly();
        }
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(done).as("the child JVM finished").isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("10000 activities");
    }
}
