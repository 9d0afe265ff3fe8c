package org.activity4j.examples;

/**
 * The demo: what activity4j does, in one run. {@code ./mvnw -q -Pdemo -pl activity4j-examples -am package}
 * runs it on an embedded PostgreSQL; {@code -Ddemo.args="--jdbc-url jdbc:postgresql://host/db?user=u&password=p"}
 * inspects that server instead.
 */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) {
        String jdbcUrl = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--jdbc-url") && i + 1 < args.length) {
                jdbcUrl = args[++i];
            } else if (!args[i].isBlank()) {
                System.err.println("usage: Demo [--jdbc-url JDBC_URL]   (unknown argument: " + args[i] + ")");
                System.exit(2);
            }
        }
        QueryLanguageDemo.run(System.out);
        ActivityStoreDemo.run(System.out);
        if (jdbcUrl != null) {
            BackendsDemo.inspect(System.out, jdbcUrl);
        } else {
            BackendsDemo.embedded(System.out);
        }
        System.exit(0);
    }
}
