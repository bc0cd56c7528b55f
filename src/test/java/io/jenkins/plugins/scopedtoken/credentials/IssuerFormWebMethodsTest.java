package io.jenkins.plugins.scopedtoken.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import hudson.ExtensionList;
import hudson.model.ModelObject;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import hudson.util.FormValidation;
import hudson.util.Secret;
import io.jenkins.plugins.scopedtoken.token.FieldCheck;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;
import org.springframework.security.core.Authentication;

/**
 * The web methods of the issuer credential form, through the stubs: without Credentials/Create or Update in
 * the form's context the checks say nothing and the connection test refuses before building anything; with
 * it, the form's values reach the tester and its verdict reaches the page.
 */
class IssuerFormWebMethodsTest {
    private final OAuth2IssuerCredentials.DescriptorImpl descriptor = new OAuth2IssuerCredentials.DescriptorImpl();
    private final ModelObject folder = mock(ModelObject.class, withSettings().extraInterfaces(AccessControlled.class));
    private final IssuerConnectionTester tester = mock(IssuerConnectionTester.class);
    private final FormValidation okResponse = mock(FormValidation.class);
    private final FormValidation errorResponse = mock(FormValidation.class);
    private MockedStatic<FormValidation> forms;
    private MockedStatic<ExtensionList> extensions;
    private MockedStatic<Secret> secrets;
    private MockedStatic<Jenkins> jenkins;

    @BeforeEach
    void setUp() {
        forms = mockStatic(FormValidation.class);
        forms.when(FormValidation::ok).thenReturn(okResponse);
        forms.when(() -> FormValidation.ok(anyString())).thenReturn(okResponse);
        forms.when(() -> FormValidation.error(anyString())).thenReturn(errorResponse);
        extensions = mockStatic(ExtensionList.class);
        extensions.when(() -> ExtensionList.lookupSingleton(IssuerConnectionTester.class)).thenReturn(tester);
        secrets = mockStatic(Secret.class);
        secrets.when(() -> Secret.fromString(anyString())).thenAnswer(call -> {
            Secret s = mock(Secret.class);
            when(s.getPlainText()).thenReturn(call.getArgument(0));
            return s;
        });
        jenkins = mockStatic(Jenkins.class);
        Authentication alice = mock(Authentication.class);
        when(alice.getName()).thenReturn("alice");
        jenkins.when(Jenkins::getAuthentication2).thenReturn(alice);
    }

    @AfterEach
    void tearDown() {
        forms.close();
        extensions.close();
        secrets.close();
        jenkins.close();
    }

    @Test
    void withoutPermissionTheTestIsRefusedAndNothingIsContacted() {
        FormValidation response = testConnection("s3cret-value");

        assertThat(response).isSameAs(errorResponse);
        forms.verify(() -> FormValidation.error(FormAccess.REFUSED));
        extensions.verifyNoInteractions();
        secrets.verifyNoInteractions();
        verifyNoInteractions(tester);
    }

    @Test
    void withoutPermissionFieldChecksSayNothing() {
        FormValidation response = descriptor.doCheckIssuerUrl(folder, "http://internal.example.com", "", false);

        assertThat(response).isSameAs(okResponse);
        forms.verify(() -> FormValidation.error(anyString()), never());
    }

    @Test
    void withPermissionTheFormValuesReachTheTesterAndItsVerdictThePage() {
        permit();
        when(tester.test(any(), eq("cf-uaa"), eq("alice"))).thenReturn(FieldCheck.ok("Connected: fine."));

        FormValidation response = testConnection("s3cret-value");

        assertThat(response).isSameAs(okResponse);
        forms.verify(() -> FormValidation.ok("Connected: fine."));
        ArgumentCaptor<IssuerCredentials> candidate = ArgumentCaptor.forClass(IssuerCredentials.class);
        verify(tester).test(candidate.capture(), eq("cf-uaa"), eq("alice"));
        OAuth2IssuerCredentials c = (OAuth2IssuerCredentials) candidate.getValue();
        assertThat(c.getClientId()).isEqualTo("jenkins");
        assertThat(c.getIssuerUrl()).isEqualTo("https://uaa.example.com");
        assertThat(c.isCloudFoundryUaa()).isTrue();
        assertThat(c.getClientSecret().getPlainText()).isEqualTo("s3cret-value");
        assertThat(c.getPrivateKeyPem()).as("empty secret fields stay unset").isNull();
        assertThat(c.isVerifyRevocation()).isTrue();
    }

    @Test
    void withPermissionFieldChecksReportTheRule() {
        permit();

        descriptor.doCheckIssuerUrl(folder, "http://internal.example.com", "", false);
        forms.verify(() -> FormValidation.error(
                "The 'issuerUrl' uses plain http to internal.example.com; use https (plain http is allowed only to loopback hosts)."));

        descriptor.doCheckClientId(folder, "");
        forms.verify(() -> FormValidation.error("Give the client id the authorization server registered for Jenkins."));
    }

    @Test
    void theSystemStoreIsGovernedByJenkinsItself() {
        Jenkins root = mock(Jenkins.class);
        jenkins.when(Jenkins::get).thenReturn(root);

        assertThat(FormAccess.governing(null)).isSameAs(root);
        assertThat(FormAccess.governing(folder)).isSameAs(folder);
        assertThat(FormAccess.mayManageCredentials(null)).isFalse();
    }

    private void permit() {
        doReturn(true).when((AccessControlled) folder).hasAnyPermission(any(Permission[].class));
    }

    private FormValidation testConnection(String secret) {
        return descriptor.doTestConnection(folder, "cf-uaa", true, "https://uaa.example.com", "", "", "", "jenkins",
                "client_secret_basic", secret, "", "", "", "", "", "resource", true);
    }
}
