package org.activity4j.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as users get it: a named module {@code org.activity4j.query} that exports its API package
 * only, holds parboiled relocated (no {@code org.parboiled}, no ASM), works on the module path for a consumer
 * module, and whose published POM brings no parboiled or ASM.
 */
class QueryModulePathIT {
    private static final String MODULE = "org.activity4j.query";
    private static final Pattern DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>[^<]*</groupId>\\s*<artifactId>([^<]*)</artifactId>(.*?)</dependency>",
            Pattern.DOTALL);

    @Test
    void theJarIsANamedModuleThatExportsTheApiOnly() {
        ModuleDescriptor descriptor = descriptor();
        assertThat(descriptor.isOpen()).isFalse();
        assertThat(descriptor.exports()).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo(MODULE);
            assertThat(e.isQualified()).isFalse();
        });
        assertThat(descriptor.opens()).isEmpty();
        assertThat(descriptor.packages())
                .contains(MODULE, MODULE + ".internal", MODULE + ".internal.parboiled.matchers")
                .noneMatch(p -> p.startsWith("org.parboiled") || p.startsWith("org.objectweb"));
    }

    @Test
    void theJarRequiresNothingButTheJdkAndJspecify() {
        assertThat(descriptor().requires().stream().map(ModuleDescriptor.Requires::name))
                .containsExactlyInAnyOrder("java.base", "org.jspecify");
    }

    @Test
    void thePublishedPomBringsJspecifyOnly() throws IOException {
        String pom = Files.readString(Paths.get(property("activity4j.query.pom")));
        assertThat(pom).contains("<artifactId>activity4j-query</artifactId>");
        List<String> usersGet = new ArrayList<>();
        Matcher dependency = DEPENDENCY.matcher(pom);
        while (dependency.find()) {
            if (!dependency.group(2).contains("<scope>test</scope>")) {
                usersGet.add(dependency.group(1));
            }
        }
        assertThat(usersGet).containsExactly("jspecify");
    }

    @Test
    void aConsumerModuleParsesQueriesOnTheModulePath(@TempDir Path work) throws Exception {
        Path src = work.resolve("src");
        Path classes = work.resolve("classes");
        write(src.resolve("module-info.java"), "module consumer { requires org.activity4j.query; }");
        write(
                src.resolve("consumer/Main.java"),
                String.join(
                        "\n",
                        "package consumer;",
                        "import org.activity4j.query.QueryCriteria;",
                        "import org.activity4j.query.QuerySyntaxException;",
                        "public class Main {",
                        "  public static void main(String[] args) {",
                        "    System.out.println(QueryCriteria.parse(args[0]).toQueryString());",
                        "    try {",
                        "      QueryCriteria.parse(args[1]);",
                        "    } catch (QuerySyntaxException e) {",
                        "      System.out.println(e.position() + \": \" + e.problem());",
                        "    }",
                        "    System.out.println(Main.class.getModule().getLayer().findModule(\"org.activity4j.query\")",
                        "        .orElseThrow().getDescriptor().toNameAndVersion());",
                        "  }",
                        "}"));
        String modulePath = property("activity4j.query.jar") + java.io.File.pathSeparator + jspecifyJar();
        JavaCompiler javac = Objects.requireNonNull(ToolProvider.getSystemJavaCompiler(), "a JDK's javac");
        int compiled = javac.run(
                null,
                null,
                null,
                "-d",
                classes.toString(),
                "--module-path",
                modulePath,
                src.resolve("module-info.java").toString(),
                src.resolve("consumer/Main.java").toString());
        assertThat(compiled).isZero();

        List<String> output = run(
                javaLauncher(),
                "--module-path",
                classes + java.io.File.pathSeparator + modulePath,
                "-m",
                "consumer/consumer.Main",
                "NOT status:failed  computer:title:\"Café box\" OR id:5",
                "status:done");
        assertThat(output)
                .containsExactly(
                        "NOT status:failed computer:title:\"Café box\" OR id:5",
                        "7: unknown status 'done'",
                        descriptor().toNameAndVersion());
    }

    private static ModuleDescriptor descriptor() {
        ModuleReference reference = ModuleFinder.of(Paths.get(property("activity4j.query.jar")))
                .find(MODULE)
                .orElseThrow(() -> new AssertionError("no module " + MODULE + " in the jar"));
        assertThat(reference.descriptor().isAutomatic())
                .as("an explicit module-info")
                .isFalse();
        return reference.descriptor();
    }

    private static List<String> run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines;
        try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
            lines = reader.lines().collect(Collectors.toList());
        }
        assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
        return new ArrayList<>(lines);
    }

    private static String javaLauncher() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String jspecifyJar() throws URISyntaxException {
        return Paths.get(NullMarked.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString();
    }

    private static String property(String name) {
        return Objects.requireNonNull(System.getProperty(name), name + " (set by failsafe in the POM)");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
