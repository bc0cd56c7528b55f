package io.jenkins.plugins.scopedtoken.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Member;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * Opens the .hpi the default build produced and checks what Jenkins reads when it loads a plugin
 * (jenkins-api-facts.md section 13): the manifest, WEB-INF/lib, the extension and annotation indexes,
 * Stapler constructor metadata, and that no compile-only stub was packaged.
 */
class HpiStructureIT {
    private static final String OUR_PACKAGE = "io/jenkins/plugins/scopedtoken/";
    private static final String CLASSES_JAR = "WEB-INF/lib/scoped-token.jar";

    private static Path hpi;
    private static Map<String, byte[]> jarEntries;
    private static Attributes hpiManifest;
    private static Attributes jarManifest;

    @BeforeAll
    static void open() throws IOException {
        hpi = Path.of(System.getProperty("hpi.file", "target/scoped-token.hpi"));
        assertThat(hpi).as("the default build must leave the .hpi").exists();
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            ZipEntry manifestEntry = zip.getEntry("META-INF/MANIFEST.MF");
            assertThat(manifestEntry).as("hpi manifest").isNotNull();
            try (InputStream in = zip.getInputStream(manifestEntry)) {
                hpiManifest = new Manifest(in).getMainAttributes();
            }
            ZipEntry jar = zip.getEntry(CLASSES_JAR);
            assertThat(jar).as(CLASSES_JAR).isNotNull();
            jarEntries = new TreeMap<>();
            try (JarInputStream in = new JarInputStream(zip.getInputStream(jar))) {
                jarManifest = in.getManifest().getMainAttributes();
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    if (!e.isDirectory()) {
                        jarEntries.put(e.getName(), in.readAllBytes());
                    }
                }
            }
        }
    }

    @Test
    void manifestCarriesWhatJenkinsReads() {
        assertThat(hpiManifest.getValue("Short-Name")).isEqualTo("scoped-token");
        assertThat(hpiManifest.getValue("Long-Name")).isEqualTo("Scoped Token");
        assertThat(hpiManifest.getValue("Plugin-Version")).isEqualTo(System.getProperty("project.version"));
        assertThat(hpiManifest.getValue("Jenkins-Version")).isEqualTo("2.479.3");
        assertThat(hpiManifest.getValue("Hudson-Version")).isEqualTo(hpiManifest.getValue("Jenkins-Version"));
        assertThat(hpiManifest.getValue("Minimum-Java-Version")).isEqualTo("17");
        assertThat(hpiManifest.getValue("Url")).startsWith("https://");
        assertThat(hpiManifest.getValue("Group-Id")).isEqualTo("io.jenkins.plugins");
        assertThat(jarManifest.getValue("Short-Name")).isEqualTo("scoped-token");
    }

    @Test
    void pluginDependenciesNameEveryApiPluginWithAMinimumVersion() {
        String deps = hpiManifest.getValue("Plugin-Dependencies");
        assertThat(deps).isEqualTo(System.getProperty("hpi.pluginDependencies"));
        Map<String, String> byId = new TreeMap<>();
        for (String dep : deps.split(",")) {
            String[] idAndVersion = dep.split(":", 2);
            assertThat(idAndVersion).as("entry '%s' is id:version", dep).hasSize(2);
            assertThat(idAndVersion[1]).as("version of %s", idAndVersion[0]).matches("[0-9][0-9A-Za-z._-]*(;resolution:=optional)?");
            byId.put(idAndVersion[0], idAndVersion[1]);
        }
        assertThat(byId).containsKeys("cloudbees-folder", "credentials", "plain-credentials", "structs", "workflow-step-api", "workflow-api",
                "okhttp-api", "jackson2-api");
        assertThat(byId.get("okhttp-api")).as("we code against the OkHttp 4.12 API").startsWith("4.12.");
    }

    @Test
    void classesJarHoldsOnlyOurClassesAndThePluginDescription() {
        assertThat(jarEntries).containsKey("index.jelly");
        List<String> foreign = jarEntries.keySet().stream()
                .filter(name -> name.endsWith(".class") && !name.startsWith(OUR_PACKAGE))
                .toList();
        assertThat(foreign).as("compile-only stubs or other foreign classes inside the plugin jar").isEmpty();
        assertThat(jarEntries.keySet().stream().filter(n -> n.endsWith(".class"))).isNotEmpty();
    }

    @Test
    void bundlesOnlyLibrariesNoJenkinsPluginProvides() throws IOException {
        List<String> libs = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(hpi))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().startsWith("WEB-INF/lib/") && !e.isDirectory()) {
                    libs.add(e.getName().substring("WEB-INF/lib/".length()));
                }
            }
        }
        assertThat(libs).contains("scoped-token.jar").anyMatch(l -> l.startsWith("nimbus-jose-jwt-"));
        assertThat(libs).as("provided by okhttp-api, jackson2-api, jenkins-core or only used to compile/test")
                .noneMatch(l -> l.matches("(okhttp|okio|kotlin|jackson|sezpoz|stapler|guava|spring|jakarta|junit|mockito|assertj).*"));
    }

    @Test
    void extensionIndexListsExactlyOurExtensions() throws Exception {
        Set<String> indexed = new TreeSet<>();
        byte[] index = jarEntries.get("META-INF/annotations/hudson.Extension");
        if (index != null) {
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(index))) {
                for (Object o = in.readObject(); o != null; o = in.readObject()) {
                    indexed.add(sezpozKey(o));
                }
            }
        }
        assertThat(indexed).isEqualTo(annotated(hudson.Extension.class));
    }

    @Test
    void annotationIndexerIndexesListExactlyOurSymbolsAndInitializers() throws Exception {
        for (String annotation : List.of("org.jenkinsci.Symbol", "hudson.init.Initializer")) {
            Set<String> listed = new TreeSet<>();
            byte[] index = jarEntries.get("META-INF/services/annotations/" + annotation);
            if (index != null) {
                new String(index, StandardCharsets.UTF_8).lines().map(String::trim).filter(l -> !l.isEmpty()).forEach(listed::add);
            }
            Set<String> expected = new TreeSet<>();
            Class<? extends java.lang.annotation.Annotation> type = loadAnnotation(annotation);
            if (type != null) {
                for (String key : annotated(type)) {
                    expected.add(key.contains("#") ? key.substring(0, key.indexOf('#')) : key);
                }
            }
            assertThat(listed).as("index of @%s", annotation).isEqualTo(expected);
        }
    }

    @Test
    void everyDataBoundConstructorHasStaplerMetadata() throws Exception {
        for (String className : ourClasses()) {
            Class<?> c = Class.forName(className, false, getClass().getClassLoader());
            boolean bound = Arrays.stream(c.getDeclaredConstructors()).anyMatch(k -> k.isAnnotationPresent(DataBoundConstructor.class));
            if (bound) {
                assertThat(jarEntries).as("Stapler metadata of %s", className)
                        .containsKey(className.replace('.', '/') + ".stapler");
            }
        }
    }

    private static String sezpozKey(Object serAnnotatedElement) throws ReflectiveOperationException {
        Class<?> c = serAnnotatedElement.getClass();
        String className = (String) field(c, "className").get(serAnnotatedElement);
        String member = (String) field(c, "memberName").get(serAnnotatedElement);
        return member == null ? className : className + "#" + member;
    }

    private static java.lang.reflect.Field field(Class<?> c, String name) throws NoSuchFieldException {
        java.lang.reflect.Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends java.lang.annotation.Annotation> loadAnnotation(String name) {
        try {
            return (Class<? extends java.lang.annotation.Annotation>) Class.forName(name);
        } catch (ClassNotFoundException e) {
            return null; // no stub yet means nothing of ours can carry it
        }
    }

    /** Classes, fields and methods of ours carrying the annotation, as "binary.Name" or "binary.Name#member". */
    private static Set<String> annotated(Class<? extends java.lang.annotation.Annotation> annotation) throws Exception {
        Set<String> found = new TreeSet<>();
        for (String className : ourClasses()) {
            Class<?> c = Class.forName(className, false, HpiStructureIT.class.getClassLoader());
            if (c.isAnnotationPresent(annotation)) {
                found.add(className);
            }
            for (AnnotatedElement m : Stream.concat(Arrays.stream(c.getDeclaredMethods()), Arrays.stream(c.getDeclaredFields())).toList()) {
                if (m.isAnnotationPresent(annotation)) {
                    found.add(className + "#" + ((Member) m).getName());
                }
            }
        }
        return found;
    }

    private static List<String> ourClasses() {
        return jarEntries.keySet().stream()
                .filter(n -> n.startsWith(OUR_PACKAGE) && n.endsWith(".class") && !n.endsWith("package-info.class"))
                .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
                .toList();
    }
}
