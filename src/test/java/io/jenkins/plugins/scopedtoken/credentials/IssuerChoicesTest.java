package io.jenkins.plugins.scopedtoken.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockConstruction;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.Test;
import org.mockito.MockedConstruction;
import org.mockito.MockedStatic;

/**
 * The issuer drop-down lists credentials only to those the credentials plugin would list ids to, and always
 * keeps the saved value so a form round trip never loses it.
 */
class IssuerChoicesTest {
    @Test
    void withoutPermissionOnlyTheSavedValueIsShown() {
        Item job = mock(Item.class);
        try (MockedConstruction<StandardListBoxModel> models = mockConstruction(StandardListBoxModel.class,
                withSettings().defaultAnswer(RETURNS_SELF))) {
            ListBoxModel result = IssuerChoices.of(job, "cf-uaa");

            StandardListBoxModel model = models.constructed().get(0);
            assertThat(result).isSameAs(model);
            verify(model).includeCurrentValue("cf-uaa");
            verify(model, never()).includeAs(any(), any(Item.class), any());
            verify(model, never()).includeEmptyValue();
        }
    }

    @Test
    void whoMayReadTheJobSeesTheIssuersVisibleToItsBuilds() {
        assertListedWith(Item.EXTENDED_READ);
        assertListedWith(CredentialsProvider.USE_ITEM);
    }

    @Test
    void jobConfigureAloneIsNotAskedFor() {
        Item job = mock(Item.class);
        when(job.hasPermission(Item.CONFIGURE)).thenReturn(true);
        try (MockedConstruction<StandardListBoxModel> models = mockConstruction(StandardListBoxModel.class,
                withSettings().defaultAnswer(RETURNS_SELF))) {
            IssuerChoices.of(job, "cf-uaa");
            verify(models.constructed().get(0), never()).includeAs(any(), any(Item.class), any());
        }
    }

    private static void assertListedWith(hudson.security.Permission permission) {
        Item job = mock(Item.class);
        when(job.hasPermission(permission)).thenReturn(true);
        try (MockedConstruction<StandardListBoxModel> models = mockConstruction(StandardListBoxModel.class,
                withSettings().defaultAnswer(RETURNS_SELF))) {
            IssuerChoices.of(job, "cf-uaa");

            StandardListBoxModel model = models.constructed().get(0);
            verify(model).includeEmptyValue();
            verify(model).includeAs(ACL.SYSTEM2, job, IssuerCredentials.class);
            verify(model).includeCurrentValue("cf-uaa");
        }
    }

    @Test
    void globalPagesNeedAnAdministrator() {
        Jenkins root = mock(Jenkins.class);
        try (MockedStatic<Jenkins> jenkins = mockStatic(Jenkins.class);
                MockedConstruction<StandardListBoxModel> models = mockConstruction(StandardListBoxModel.class,
                        withSettings().defaultAnswer(RETURNS_SELF))) {
            jenkins.when(Jenkins::get).thenReturn(root);
            IssuerChoices.of(null, "");
            verify(models.constructed().get(0), never()).includeAs(any(), any(Item.class), any());

            when(root.hasPermission(Jenkins.READ)).thenReturn(true);
            IssuerChoices.of(null, "");
            verify(models.constructed().get(1), never()).includeAs(any(), any(Item.class), any());

            when(root.hasPermission(Jenkins.ADMINISTER)).thenReturn(true);
            IssuerChoices.of(null, "");
            verify(models.constructed().get(2)).includeAs(ACL.SYSTEM2, (Item) null, IssuerCredentials.class);
        }
    }
}
