package io.jenkins.plugins.scopedtoken.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import hudson.init.Initializer;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.Test;

/**
 * The indexes Jenkins reads to find our code, checked against the compiled classes:
 * <ul>
 * <li>the annotation-indexer files for {@code @Symbol} and {@code @Initializer}, checked in because the
 *     processor is not on Maven Central, must list exactly the classes carrying those annotations;</li>
 * <li>the SezPoz index {@code META-INF/annotations/hudson.Extension}, written by the compiler, must list
 *     every {@code @Extension} of ours.</li>
 * </ul>
 */
class AnnotationIndexTest {
    private static final String OUR_PACKAGE = "io/jenkins/plugins/scopedtoken/";

    @Test
    void symbolIndexListsExactlyTheClassesCarryingSymbol() throws Exception {
        Set<String> expected = new TreeSet<>();
        for (Class<?> c : ourClasses()) {
            if (c.isAnnotationPresent(Symbol.class)) {
                expected.add(c.getName());
            }
        }
        assertThat(expected).as("sanity: the step and the credential type have symbols")
                .contains("io.jenkins.plugins.scopedtoken.pipeline.WithScopedTokenStep$DescriptorImpl",
                        "io.jenkins.plugins.scopedtoken.credentials.OAuth2IssuerCredentials$DescriptorImpl");
        assertThat(listed("org.jenkinsci.Symbol")).isEqualTo(expected);
    }

    @Test
    void initializerIndexListsExactlyTheClassesWithInitializerMethods() throws Exception {
        Set<String> expected = new TreeSet<>();
        for (Class<?> c : ourClasses()) {
            if (Arrays.stream(c.getDeclaredMethods()).anyMatch(m -> m.isAnnotationPresent(Initializer.class))) {
                expected.add(c.getName());
            }
        }
        assertThat(expected).contains("io.jenkins.plugins.scopedtoken.admin.StartupRecovery");
        assertThat(listed("hudson.init.Initializer")).isEqualTo(expected);
        for (Class<?> c : ourClasses()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Initializer.class)) {
                    assertThat(java.lang.reflect.Modifier.isStatic(m.getModifiers())).as("%s is static", m).isTrue();
                }
            }
        }
    }

    @Test
    void sezpozIndexListsEveryExtensionOfOurs() throws Exception {
        Set<String> expected = new TreeSet<>();
        for (Class<?> c : ourClasses()) {
            if (c.isAnnotationPresent(Extension.class)) {
                expected.add(c.getName());
            }
            for (AnnotatedElement member : Stream.concat(Arrays.stream(c.getDeclaredMethods()), Arrays.stream(c.getDeclaredFields())).toList()) {
                if (member.isAnnotationPresent(Extension.class)) {
                    expected.add(c.getName() + "#" + ((java.lang.reflect.Member) member).getName());
                }
            }
        }
        assertThat(expected).as("sanity").contains("io.jenkins.plugins.scopedtoken.build.LeaseRunListener",
                "io.jenkins.plugins.scopedtoken.pipeline.WithScopedTokenStep$DescriptorImpl",
                "io.jenkins.plugins.scopedtoken.credentials.OAuth2IssuerCredentials$DescriptorImpl");

        Set<String> indexed = new TreeSet<>();
        try (InputStream raw = Files.newInputStream(classesDir().resolve("META-INF/annotations/hudson.Extension"));
             ObjectInputStream in = new ObjectInputStream(raw)) {
            for (Object o = in.readObject(); o != null; o = in.readObject()) {
                String className = (String) field(o, "className");
                String member = (String) field(o, "memberName");
                indexed.add(member == null ? className : className + "#" + member);
            }
        }
        assertThat(indexed).isEqualTo(expected);
    }

    private static Set<String> listed(String annotation) throws IOException, URISyntaxException {
        Path index = classesDir().resolve("META-INF/services/annotations/" + annotation);
        Set<String> names = new TreeSet<>();
        if (Files.exists(index)) {
            Files.readAllLines(index, StandardCharsets.UTF_8).stream().map(String::trim).filter(l -> !l.isEmpty()).forEach(names::add);
        }
        return names;
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }

    /** target/classes: where our main classes and resources were compiled (stubs compile there too; skipped). */
    private static Path classesDir() throws URISyntaxException {
        URL location = io.jenkins.plugins.scopedtoken.build.LeaseRunListener.class.getProtectionDomain().getCodeSource().getLocation();
        return Path.of(location.toURI());
    }

    private static Set<Class<?>> ourClasses() throws Exception {
        Path root = classesDir();
        Set<Class<?>> classes = new java.util.LinkedHashSet<>();
        try (Stream<Path> files = Files.walk(root.resolve(OUR_PACKAGE))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(p).toString().replace('\\', '/').replaceAll("\\.class$", "").replace('/', '.');
                classes.add(Class.forName(name, false, AnnotationIndexTest.class.getClassLoader()));
            }
        }
        return classes;
    }
}
