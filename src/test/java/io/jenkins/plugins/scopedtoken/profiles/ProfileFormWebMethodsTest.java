package io.jenkins.plugins.scopedtoken.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.when;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.util.FormValidation;
import io.jenkins.plugins.scopedtoken.credentials.IssuerCredentials;
import java.util.List;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/**
 * The token profile form's checks: silent without Overall/Administer (global list) or Item/Configure on the
 * folder; with it, the issuer is looked up in the folder's own context.
 */
class ProfileFormWebMethodsTest {
    private final TokenProfile.DescriptorImpl descriptor = new TokenProfile.DescriptorImpl();
    private final AbstractFolder<?> folder = mock(AbstractFolder.class);
    private final FormValidation ok = mock(FormValidation.class);
    private final FormValidation warning = mock(FormValidation.class);
    private MockedStatic<FormValidation> forms;
    private MockedStatic<CredentialsProvider> credentials;
    private MockedStatic<Jenkins> jenkins;

    @BeforeEach
    void setUp() {
        forms = mockStatic(FormValidation.class);
        forms.when(FormValidation::ok).thenReturn(ok);
        forms.when(() -> FormValidation.warning(anyString())).thenReturn(warning);
        credentials = mockStatic(CredentialsProvider.class);
        credentials.when(() -> CredentialsProvider.lookupCredentialsInItemGroup(eq(IssuerCredentials.class), any(), any(), any()))
                .thenReturn(List.of());
        jenkins = mockStatic(Jenkins.class);
    }

    @AfterEach
    void tearDown() {
        forms.close();
        credentials.close();
        jenkins.close();
    }

    @Test
    void withoutConfigurePermissionOnTheFolderNothingIsLookedUp() {
        when(folder.hasPermission(Item.EXTENDED_READ)).thenReturn(true);
        when(folder.hasPermission(CredentialsProvider.USE_ITEM)).thenReturn(true);
        assertThat(descriptor.doCheckIssuer(folder, "cf-uaa")).isSameAs(ok);
        credentials.verifyNoInteractions();
        forms.verify(() -> FormValidation.warning(anyString()), never());
    }

    @Test
    void theGlobalListNeedsAnAdministrator() {
        Jenkins root = mock(Jenkins.class);
        jenkins.when(Jenkins::get).thenReturn(root);

        when(root.hasPermission(Jenkins.READ)).thenReturn(true);
        assertThat(descriptor.doCheckIssuer(null, "cf-uaa")).isSameAs(ok);
        credentials.verifyNoInteractions();

        when(root.hasPermission(Jenkins.ADMINISTER)).thenReturn(true);
        descriptor.doCheckIssuer(null, "cf-uaa");
        credentials.verify(() -> CredentialsProvider.lookupCredentialsInItemGroup(eq(IssuerCredentials.class), any(), any(), any()));
    }

    @Test
    @SuppressWarnings("rawtypes")
    void withPermissionTheIssuerIsLookedUpInTheFolder() {
        when(folder.hasPermission(Item.CONFIGURE)).thenReturn(true);

        assertThat(descriptor.doCheckIssuer(folder, "cf-uaa")).isSameAs(warning);
        credentials.verify(() -> CredentialsProvider.lookupCredentialsInItemGroup(eq(IssuerCredentials.class), eq((ItemGroup) folder),
                any(), eq(List.of())));
        forms.verify(() -> FormValidation.warning("No token issuer credential 'cf-uaa' is visible here; builds fail until one exists."));
    }
}
