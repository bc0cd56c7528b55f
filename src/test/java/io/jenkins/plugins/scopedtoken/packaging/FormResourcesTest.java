package io.jenkins.plugins.scopedtoken.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scopedtoken.build.ScopedTokenBuildWrapper;
import io.jenkins.plugins.scopedtoken.credentials.OAuth2IssuerCredentials;
import io.jenkins.plugins.scopedtoken.pipeline.WithScopedTokenStep;
import io.jenkins.plugins.scopedtoken.profiles.TokenProfile;
import java.beans.Introspector;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Every bindable parameter of the step, the wrapper and the credential type has a help file and a field in
 * its form; {@code id}, {@code description} and {@code scope} come from the credentials plugin's own form.
 */
class FormResourcesTest {
    private static final Set<String> PROVIDED_BY_CREDENTIALS_PLUGIN = Set.of("id", "description", "scope");

    @ParameterizedTest
    @ValueSource(classes = {WithScopedTokenStep.class, ScopedTokenBuildWrapper.class, OAuth2IssuerCredentials.class, TokenProfile.class})
    void everyParameterHasHelpAndAFormField(Class<?> type) throws IOException {
        String dir = type.getName().replace('.', '/') + "/";
        String form = read(dir + (type == OAuth2IssuerCredentials.class ? "credentials.jelly" : "config.jelly"));
        assertThat(read(dir + "help.html")).contains("<div>");
        for (String parameter : parameters(type)) {
            if (PROVIDED_BY_CREDENTIALS_PLUGIN.contains(parameter)) {
                continue;
            }
            assertThat(resource(dir + "help-" + parameter + ".html")).as("help for %s.%s", type.getSimpleName(), parameter).isNotNull();
            assertThat(form).as("form field for %s.%s", type.getSimpleName(), parameter).contains("field=\"" + parameter + "\"");
        }
    }

    private static Set<String> parameters(Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Constructor<?> c : type.getConstructors()) {
            if (c.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter p : c.getParameters()) {
                    names.add(p.getName());
                }
            }
        }
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                names.add(Introspector.decapitalize(m.getName().substring(3)));
            }
        }
        assertThat(names).as("parameters of %s (compiled with -parameters)", type).isNotEmpty().doesNotContain("arg0");
        return names;
    }

    private static InputStream resource(String path) {
        return FormResourcesTest.class.getClassLoader().getResourceAsStream(path);
    }

    private static String read(String path) throws IOException {
        try (InputStream in = resource(path)) {
            assertThat(in).as(path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
