package org.activity4j.examples;

/**
 * The demo: what activity4j does, in one run. Run it with {@code ./mvnw -q -Pdemo -pl activity4j-examples
 * -am package}.
 */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) {
        QueryLanguageDemo.run(System.out);
        ActivityStoreDemo.run(System.out);
    }
}
