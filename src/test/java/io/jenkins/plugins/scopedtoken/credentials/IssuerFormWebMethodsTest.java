package io.jenkins.plugins.scopedtoken.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.ExtensionList;
import hudson.model.ModelObject;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.scopedtoken.token.FieldCheck;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;
import org.springframework.security.core.Authentication;

/**
 * The web methods of the issuer credential form, through the stubs (whose permission constants are distinct
 * objects, so each test names the exact permission checked). The permission is the one of the store being
 * configured: Overall/Administer for the system store and anything that is not a folder (a user's own
 * {@code User}, which gives him full control of himself, included); Credentials/Create or Update on a folder
 * for the folder's store. Secrets sent by the form are never decrypted; server text and loopback issuers are
 * for administrators only.
 */
class IssuerFormWebMethodsTest {
    private static final String SAVED_CIPHERTEXT = "{AQAAABAAAAAQsavedCiphertextOfTheClientSecret=}";

    private final OAuth2IssuerCredentials.DescriptorImpl descriptor = new OAuth2IssuerCredentials.DescriptorImpl();
    private final AbstractFolder<?> folder = mock(AbstractFolder.class);
    private final Jenkins root = mock(Jenkins.class);
    private final IssuerConnectionTester tester = mock(IssuerConnectionTester.class);
    private final FormValidation okResponse = mock(FormValidation.class);
    private final FormValidation errorResponse = mock(FormValidation.class);
    private MockedStatic<FormValidation> forms;
    private MockedStatic<ExtensionList> extensions;
    private MockedStatic<Secret> secrets;
    private MockedStatic<Jenkins> jenkins;
    private MockedStatic<CredentialsProvider> credentials;

    @BeforeEach
    void setUp() {
        forms = mockStatic(FormValidation.class);
        forms.when(FormValidation::ok).thenReturn(okResponse);
        forms.when(() -> FormValidation.ok(anyString())).thenReturn(okResponse);
        forms.when(() -> FormValidation.error(anyString())).thenReturn(errorResponse);
        extensions = mockStatic(ExtensionList.class);
        extensions.when(() -> ExtensionList.lookupSingleton(IssuerConnectionTester.class)).thenReturn(tester);
        secrets = mockStatic(Secret.class);
        jenkins = mockStatic(Jenkins.class);
        jenkins.when(Jenkins::get).thenReturn(root);
        Authentication alice = mock(Authentication.class);
        when(alice.getName()).thenReturn("alice");
        jenkins.when(Jenkins::getAuthentication2).thenReturn(alice);
        credentials = mockStatic(CredentialsProvider.class);
        credentials.when(() -> CredentialsProvider.lookupStores(any())).thenReturn(List.of());
        when(tester.test(any(), any(), any(), anyBoolean())).thenReturn(FieldCheck.ok("Connected: fine."));
    }

    @AfterEach
    void tearDown() {
        forms.close();
        extensions.close();
        secrets.close();
        jenkins.close();
        credentials.close();
    }

    @Test
    void aUsersFullControlOfHimselfDoesNotLetHimTest() {
        // POST /user/<me>/descriptorByName/…/testConnection: @ContextInPath is the caller's own User.
        ModelObject me = mock(ModelObject.class, withSettings().extraInterfaces(AccessControlled.class));
        doReturn(true).when((AccessControlled) me).hasAnyPermission(any(Permission[].class));
        doReturn(true).when((AccessControlled) me).hasPermission(any());

        FormValidation response = testConnection(me, "https://uaa.example.com/oauth/token", "typed-secret");

        assertThat(response).isSameAs(errorResponse);
        forms.verify(() -> FormValidation.error(FormAccess.REFUSED));
        verify(root).hasPermission(Jenkins.ADMINISTER);
        verifyNoInteractions(tester);
        credentials.verifyNoInteractions();
    }

    @Test
    void theSystemStoreNeedsOverallAdminister() {
        when(root.hasPermission(Jenkins.ADMINISTER)).thenReturn(true);

        testConnection(root, "https://uaa.example.com/oauth/token", "typed-secret");

        verify(root, org.mockito.Mockito.atLeastOnce()).hasPermission(Jenkins.ADMINISTER);
        verify(root, never()).hasAnyPermission(any(Permission[].class));
        verify(tester).test(any(), eq("cf-uaa"), eq("alice"), eq(true));
    }

    @Test
    void credentialsCreateOnJenkinsIsNotEnoughForTheSystemStore() {
        when(root.hasPermission(CredentialsProvider.CREATE)).thenReturn(true);
        doReturn(true).when(root).hasAnyPermission(CredentialsProvider.CREATE, CredentialsProvider.UPDATE);

        assertThat(testConnection(root, "https://uaa.example.com/oauth/token", "typed-secret")).isSameAs(errorResponse);
        verifyNoInteractions(tester);
    }

    @Test
    void aFolderStoreNeedsCredentialsCreateOrUpdateOnThatFolder() {
        doReturn(true).when(folder).hasAnyPermission(CredentialsProvider.CREATE, CredentialsProvider.UPDATE);

        FormValidation response = testConnection(folder, "https://uaa.example.com/oauth/token", "typed-secret");

        assertThat(response).isSameAs(okResponse);
        verify(folder).hasAnyPermission(CredentialsProvider.CREATE, CredentialsProvider.UPDATE);
        verify(tester).test(any(), eq("cf-uaa"), eq("alice"), eq(false));
        forms.verify(() -> FormValidation.ok("Connected: fine."));
    }

    @Test
    void aFolderConfigurerWithoutCredentialsPermissionIsRefused() {
        doReturn(true).when(folder).hasPermission(any());
        doReturn(true).when(folder).hasAnyPermission(hudson.model.Item.CONFIGURE);

        assertThat(testConnection(folder, "https://uaa.example.com/oauth/token", "typed-secret")).isSameAs(errorResponse);
        verifyNoInteractions(tester);
    }

    @Test
    void fieldChecksAnswerOnlyThoseWhoMayConfigureTheStore() {
        FormValidation silent = descriptor.doCheckIssuerUrl(folder, "http://internal.example.com", "", false);
        assertThat(silent).isSameAs(okResponse);
        forms.verify(() -> FormValidation.error(anyString()), never());

        doReturn(true).when(folder).hasAnyPermission(CredentialsProvider.CREATE, CredentialsProvider.UPDATE);
        descriptor.doCheckIssuerUrl(folder, "http://internal.example.com", "", false);
        forms.verify(() -> FormValidation.error(
                "The 'issuerUrl' uses plain http to internal.example.com; use https (plain http is allowed only to loopback hosts)."));
        descriptor.doCheckClientId(folder, "");
        forms.verify(() -> FormValidation.error("Give the client id the authorization server registered for Jenkins."));
    }

    @Test
    void theFormValuesReachTheTesterAndATypedSecretIsTakenAsTyped() {
        permitFolder();

        testConnection(folder, "https://uaa.example.com/oauth/token", "s3cret-value");

        OAuth2IssuerCredentials c = testedCandidate();
        assertThat(c.getClientId()).isEqualTo("jenkins");
        assertThat(c.getTokenEndpoint()).isEqualTo("https://uaa.example.com/oauth/token");
        assertThat(c.isCloudFoundryUaa()).isTrue();
        assertThat(c.isVerifyRevocation()).isTrue();
        assertThat(c.clientSecretText().reveal()).isEqualTo("s3cret-value");
        assertThat(c.privateKeyText()).as("empty secret fields stay unset").isNull();
        secrets.verifyNoInteractions();
    }

    @Test
    void anUnchangedSecretIsTakenFromTheSavedCredentialOfThatStoreWithoutDecryptingTheForm() {
        permitFolder();
        savedInFolder("cf-uaa", SAVED_CIPHERTEXT, "the-saved-secret");

        testConnection(folder, "https://uaa.example.com/oauth/token", SAVED_CIPHERTEXT);

        assertThat(testedCandidate().clientSecretText().reveal()).isEqualTo("the-saved-secret");
        secrets.verify(() -> Secret.fromString(anyString()), never());
    }

    @Test
    void aCiphertextThatIsNotTheSavedSecretIsRefusedNotDecrypted() {
        permitFolder();
        savedInFolder("cf-uaa", SAVED_CIPHERTEXT, "the-saved-secret");

        FormValidation response = testConnection(folder, "https://uaa.example.com/oauth/token", "{AQAAABAAAAAgSomeoneElsesSecret0123456789abcd=}");

        assertThat(response).isSameAs(errorResponse);
        forms.verify(() -> FormValidation.error("The 'clientSecret' field holds an encrypted value that is not the saved "
                + "secret of this credential; type the secret again."));
        verifyNoInteractions(tester);
        secrets.verify(() -> Secret.fromString(anyString()), never());
    }

    @Test
    void aCiphertextWithoutASavedCredentialInThisStoreIsRefused() {
        permitFolder();

        assertThat(testConnection(folder, "https://uaa.example.com/oauth/token", SAVED_CIPHERTEXT)).isSameAs(errorResponse);
        verifyNoInteractions(tester);
        secrets.verify(() -> Secret.fromString(anyString()), never());
    }

    @Test
    void loopbackIssuersAreForAdministratorsOnly() {
        permitFolder();

        assertThat(testConnection(folder, "http://127.0.0.1:8080/oauth/token", "s")).isSameAs(errorResponse);
        assertThat(testConnection(folder, "https://localhost:8443/oauth/token", "s")).isSameAs(errorResponse);
        forms.verify(() -> FormValidation.error(OAuth2IssuerCredentials.DescriptorImpl.LOOPBACK_REFUSED), org.mockito.Mockito.times(2));
        verifyNoInteractions(tester);

        when(root.hasPermission(Jenkins.ADMINISTER)).thenReturn(true);
        assertThat(testConnection(folder, "http://127.0.0.1:8080/oauth/token", "s")).isSameAs(okResponse);
        verify(tester).test(any(), eq("cf-uaa"), eq("alice"), eq(true));
    }

    @Test
    void theDropDownsListEveryChoice() {
        ListBoxModel methods = descriptor.doFillAuthMethodItems();
        assertThat(methods).extracting(o -> o.value)
                .containsExactly("client_secret_basic", "client_secret_post", "private_key_jwt", "tls_client_auth");
        ListBoxModel audience = descriptor.doFillAudienceParameterItems();
        assertThat(audience).extracting(o -> o.value).containsExactly("resource", "audience");
        assertThat(audience).extracting(o -> o.name).containsExactly("resource (RFC 8707)", "audience");
    }

    private void permitFolder() {
        doReturn(true).when(folder).hasAnyPermission(CredentialsProvider.CREATE, CredentialsProvider.UPDATE);
    }

    private void savedInFolder(String id, String ciphertext, String plain) {
        Secret secret = mock(Secret.class);
        when(secret.getEncryptedValue()).thenReturn(ciphertext);
        when(secret.getPlainText()).thenReturn(plain);
        // The stub of BaseStandardCredentials cannot answer getId(); answer what the real one would.
        OAuth2IssuerCredentials saved = spy(new OAuth2IssuerCredentials(CredentialsScope.GLOBAL, id, null, "jenkins"));
        doReturn(id).when(saved).getId();
        saved.setClientSecret(secret);
        CredentialsStore store = mock(CredentialsStore.class);
        Domain global = mock(Domain.class);
        when(store.getContext()).thenReturn(folder);
        when(store.getDomains()).thenReturn(List.of(global));
        when(store.getCredentials(global)).thenReturn(List.<Credentials>of(saved));
        credentials.when(() -> CredentialsProvider.lookupStores(folder)).thenReturn(List.of(store));
    }

    private OAuth2IssuerCredentials testedCandidate() {
        ArgumentCaptor<IssuerCredentials> candidate = ArgumentCaptor.forClass(IssuerCredentials.class);
        verify(tester).test(candidate.capture(), eq("cf-uaa"), eq("alice"), anyBoolean());
        return (OAuth2IssuerCredentials) candidate.getValue();
    }

    private FormValidation testConnection(ModelObject context, String tokenEndpoint, String secret) {
        return descriptor.doTestConnection(context, "cf-uaa", true, "", tokenEndpoint, "", "", "jenkins",
                "client_secret_basic", secret, "", "", "", "", "", "resource", true, false);
    }
}
