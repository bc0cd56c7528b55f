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
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import hudson.util.ListBoxModel;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.verb.POST;
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

    /**
     * {@code f:select} ignores inline options and asks the descriptor's {@code doFill<Field>Items} (real
     * core/src/main/resources/lib/form/select.jelly); without it the drop-down renders empty.
     */
    @ParameterizedTest
    @ValueSource(classes = {WithScopedTokenStep.class, ScopedTokenBuildWrapper.class, OAuth2IssuerCredentials.class, TokenProfile.class})
    void everySelectHasAFillMethodAndNoInlineOptions(Class<?> type) throws IOException {
        String dir = type.getName().replace('.', '/') + "/";
        String form = read(dir + (type == OAuth2IssuerCredentials.class ? "credentials.jelly" : "config.jelly"));
        Matcher entry = Pattern.compile("field=\"(\\w+)\"[^>]*>\\s*<f:select([^>]*)>").matcher(form);
        while (entry.find()) {
            String field = entry.group(1);
            assertThat(entry.group(2)).as("f:select of %s closes itself (inline options are ignored)", field).endsWith("/");
            String fill = "doFill" + Character.toUpperCase(field.charAt(0)) + field.substring(1) + "Items";
            Class<?> descriptor = Arrays.stream(type.getDeclaredClasses()).filter(c -> c.getSimpleName().equals("DescriptorImpl"))
                    .findFirst().orElseThrow();
            assertThat(Arrays.stream(descriptor.getMethods()).filter(m -> m.getName().equals(fill)))
                    .as("%s.%s", descriptor.getName(), fill).singleElement()
                    .satisfies(m -> assertThat(m.getReturnType()).isEqualTo(ListBoxModel.class))
                    .satisfies(m -> assertThat(m.isAnnotationPresent(POST.class)).isTrue());
        }
        assertThat(form).doesNotContain("<f:option");
    }

    /** f:validateButton sends only the fields found before it in the page (hudson-behavior.js findPreviousFormItem). */
    @Test
    void theTestConnectionButtonComesAfterEveryFieldItSends() throws IOException {
        String form = read(OAuth2IssuerCredentials.class.getName().replace('.', '/') + "/credentials.jelly");
        int button = form.indexOf("<f:validateButton");
        Matcher with = Pattern.compile("with=\"([^\"]+)\"").matcher(form.substring(button));
        assertThat(with.find()).isTrue();
        for (String field : with.group(1).split(",")) {
            int at = field.equals("id") ? form.indexOf("page=\"id-and-description\"") : form.indexOf("field=\"" + field + "\"");
            assertThat(at).as("%s is in the form before the button", field).isBetween(0, button);
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
