package org.activity4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The rules of ARCHITECTURE.md that the compiler does not check: which module may use which, and which
 * outside types may appear in public signatures.
 */
class ArchitectureTest {

    /** For each module's root package, the activity4j packages it must not use. */
    private static final Map<String, List<String>> FORBIDDEN = Map.of(
            "org.activity4j.query",
            List.of("core", "procstats", "client", "testkit", "agent", "micrometer", "examples"),
            "org.activity4j.core",
            List.of("procstats", "client", "testkit", "agent", "micrometer", "examples"),
            "org.activity4j.procstats",
            List.of("client", "testkit", "agent", "micrometer", "examples"),
            "org.activity4j.client",
            List.of("procstats", "testkit", "agent", "micrometer", "examples"),
            "org.activity4j.testkit",
            List.of("procstats", "client", "agent", "micrometer", "examples"),
            "org.activity4j.agent",
            List.of("testkit", "micrometer", "examples"),
            // Over core's interfaces only, so that it meters local and remote implementations alike.
            "org.activity4j.micrometer",
            List.of("procstats", "client", "testkit", "agent", "examples"));

    /** Packages whose types must not appear in the public API of query, core, procstats and client. */
    private static final List<String> HIDDEN = List.of(
            "com.fasterxml.jackson.",
            "tools.jackson.",
            "oshi.",
            "org.parboiled.",
            "org.postgresql.",
            "org.testcontainers.",
            "io.zonky.");

    /** Micrometer's types are the point of activity4j-micrometer; the hidden ones stay out of it too. */
    private static final List<String> API_MODULES = List.of(
            "org.activity4j.query",
            "org.activity4j.core",
            "org.activity4j.procstats",
            "org.activity4j.client",
            "org.activity4j.micrometer");

    @Test
    void modulesDependOnlyDownwards() throws Exception {
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, List<String>> rule : FORBIDDEN.entrySet()) {
            Path classes = classesOf(rule.getKey());
            for (String line : jdeps(classes)) {
                String[] parts = line.trim().split("\\s+->\\s+|\\s+", -1);
                if (parts.length < 2) {
                    continue;
                }
                String from = parts[0];
                String to = parts[1];
                for (String module : rule.getValue()) {
                    if (to.equals("org.activity4j." + module) || to.startsWith("org.activity4j." + module + ".")) {
                        violations.add(from + " -> " + to);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void dependencyTypesStayOutOfPublicSignatures() throws Exception {
        Set<String> violations = new TreeSet<>();
        for (String root : API_MODULES) {
            for (Class<?> type : publicApiClasses(root)) {
                List<Type> used = new ArrayList<>();
                used.add(type.getGenericSuperclass());
                used.addAll(List.of(type.getGenericInterfaces()));
                for (Method m : type.getDeclaredMethods()) {
                    if (isApi(m.getModifiers())) {
                        used.add(m.getGenericReturnType());
                        used.addAll(List.of(m.getGenericParameterTypes()));
                        used.addAll(List.of(m.getGenericExceptionTypes()));
                    }
                }
                for (Constructor<?> c : type.getDeclaredConstructors()) {
                    if (isApi(c.getModifiers())) {
                        used.addAll(List.of(c.getGenericParameterTypes()));
                    }
                }
                for (Field f : type.getDeclaredFields()) {
                    if (isApi(f.getModifiers())) {
                        used.add(f.getGenericType());
                    }
                }
                if (type.isRecord()) {
                    for (RecordComponent rc : type.getRecordComponents()) {
                        used.add(rc.getGenericType());
                    }
                }
                for (Type t : used) {
                    if (t != null
                            && HIDDEN.stream().anyMatch(p -> t.getTypeName().contains(p))) {
                        violations.add(type.getName() + " uses " + t.getTypeName());
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theRulesSeeTheApiClasses() throws Exception {
        // Guards the two tests above against passing because they found nothing to check.
        assertThat(publicApiClasses("org.activity4j.query"))
                .extracting(Class::getSimpleName)
                .contains("QueryCriteria", "QueryParser", "QuerySyntaxException");
        assertThat(jdeps(classesOf("org.activity4j.query")))
                .anyMatch(line -> line.contains("org.activity4j.query.internal"));
        assertThat(publicApiClasses("org.activity4j.micrometer"))
                .extracting(Class::getSimpleName)
                .contains("BackendInspectorMetrics", "MeteredActivityService", "MeteredBackendInspector");
        assertThat(jdeps(classesOf("org.activity4j.micrometer")))
                .anyMatch(line -> line.contains("org.activity4j.core"));
    }

    private static boolean isApi(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static List<Class<?>> publicApiClasses(String root) throws Exception {
        Path classes = classesOf(root);
        List<Class<?>> result = new ArrayList<>();
        try (FileSystem fs = open(classes)) {
            Path base = fs == null ? classes : fs.getPath("/");
            try (Stream<Path> files = Files.walk(base)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".class")).collect(Collectors.toList())) {
                    String name =
                            base.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                    if (!name.startsWith(root) || name.contains(".internal.") || name.endsWith("package-info")) {
                        continue;
                    }
                    Class<?> type = Class.forName(name, false, ArchitectureTest.class.getClassLoader());
                    if (Modifier.isPublic(type.getModifiers())) {
                        result.add(type);
                    }
                }
            }
        }
        return result;
    }

    private static @Nullable FileSystem open(Path classes) throws IOException {
        return Files.isDirectory(classes) ? null : FileSystems.newFileSystem(classes, (ClassLoader) null);
    }

    /** The jar or classes folder that holds the module whose root package is given. */
    private static Path classesOf(String rootPackage) throws ClassNotFoundException, URISyntaxException {
        Class<?> info = Class.forName(rootPackage + ".package-info");
        return Path.of(info.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * The classes to give jdeps: a jar with a module descriptor (added at package time) makes jdeps resolve the
     * modules it requires, which are not on a module path here, so its classes are read from a copy without
     * the descriptor.
     */
    private static Path withoutDescriptor(Path classes) throws IOException {
        if (Files.isDirectory(classes)) {
            return classes;
        }
        try (FileSystem jar = FileSystems.newFileSystem(classes, (ClassLoader) null)) {
            Path root = jar.getPath("/");
            if (!Files.exists(root.resolve("module-info.class"))) {
                return classes;
            }
            Path copy = Files.createTempDirectory("architecture-test");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".class")
                                && !f.getFileName().toString().equals("module-info.class")
                                && !f.toString().startsWith("/META-INF/"))
                        .collect(Collectors.toList())) {
                    Path target = copy.resolve(root.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target);
                }
            }
            return copy;
        }
    }

    /** jdeps's package-level dependencies of the classes: lines {@code from -> to  where}. */
    private static List<String> jdeps(Path jarOrClasses) throws IOException {
        Path classes = withoutDescriptor(jarOrClasses);
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = jdeps.run(
                new PrintWriter(out),
                new PrintWriter(err),
                "-verbose:package",
                "-filter:none",
                "-e",
                "org\\.activity4j\\..*",
                classes.toString());
        assertThat(status).as("jdeps: %s", err).isZero();
        return out.toString()
                .lines()
                .filter(l -> l.contains("->") && l.trim().startsWith("org.activity4j"))
                .collect(Collectors.toList());
    }
}
