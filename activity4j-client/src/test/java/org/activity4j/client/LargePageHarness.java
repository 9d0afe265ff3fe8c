package org.activity4j.client;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.activity4j.core.Activity;
import org.activity4j.query.QueryCriteria;

/**
 * Decodes one large {@code GetActivities} page (10,000 activities, as many megabytes as the argument says,
 * generated on the fly by a socket server on 127.0.0.1, so the server holds none of it) with {@link
 * LandscapeClient}, and prints the body's size, the activities decoded and the heap's peak (the sum of the heap
 * pools' peak usage). Run by hand in a JVM with a small {@code -Xmx}:
 * {@code java -Xmx2g -cp <test classpath> org.activity4j.client.LargePageHarness 200}.
 */
public final class LargePageHarness {
    static final int ACTIVITIES = 10_000;

    private LargePageHarness() {}

    public static void main(String[] args) throws Exception {
        long megabytes = Long.parseLong(args[0]);
        int summaryChars = (int) (megabytes * 1024 * 1024 / ACTIVITIES) - 300;
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            long[] sent = new long[1];
            Thread serving = new Thread(() -> serve(server, summaryChars, sent));
            serving.setDaemon(true);
            serving.start();
            try (LandscapeClient client = LandscapeClient.builder(
                            URI.create("http://127.0.0.1:" + server.getLocalPort() + "/api/"))
                    .accessKey("KEY", "secret")
                    .requestTimeout(java.time.Duration.ofMinutes(5))
                    .build()) {
                List<Activity> page = client.getActivities(QueryCriteria.all(), ACTIVITIES, 0);
                long peak = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP) {
                        peak += pool.getPeakUsage().getUsed();
                    }
                }
                System.out.println(
                        "body " + sent[0] / (1024 * 1024) + " MiB, " + page.size() + " activities, peak heap "
                                + peak / (1024 * 1024) + " MiB, max heap "
                                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
            }
        }
    }

    private static void serve(ServerSocket server, int summaryChars, long[] sent) {
        try (Socket s = server.accept();
                InputStream in = s.getInputStream();
                OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16)) {
            int matched = 0;
            while (matched < 4) { // the request head
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
            }
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n["
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] summary = "s".repeat(summaryChars).getBytes(StandardCharsets.US_ASCII);
            long total = 1;
            for (int i = 1; i <= ACTIVITIES; i++) {
                byte[] head = ((i > 1 ? "," : "") + "{\"id\":" + i + ",\"parent_id\":null,\"computer_id\":null,"
                                + "\"creator\":{\"id\":5,\"name\":\"Jane\",\"email\":\"jane@example.com\"},"
                                + "\"type\":\"RestartRequest\",\"activity_status\":\"succeeded\",\"summary\":\"")
                        .getBytes(StandardCharsets.US_ASCII);
                byte[] tail = ("\",\"creation_time\":\"2026-01-01T00:00:00Z\"}").getBytes(StandardCharsets.US_ASCII);
                out.write(head);
                out.write(summary);
                out.write(tail);
                total += head.length + summary.length + tail.length;
            }
            out.write(']');
            sent[0] = total + 1;
        } catch (IOException e) {
            // the client gave up: its exception says why
        }
    }
}
