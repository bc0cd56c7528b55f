package io.jenkins.plugins.scopedtoken.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.ListBoxModel;
import jenkins.model.Jenkins;

/**
 * The "Issuer" drop-down of the step, the freestyle wrapper and token profiles: the token issuer credentials
 * visible in the item's context (as a build there would see them), following the credentials plugin's rule
 * for listing ids: administrators on the global pages, users who can read the item's configuration or use
 * its credentials on an item's page. Everyone else sees only the value already saved.
 */
public final class IssuerChoices {
    private IssuerChoices() {
    }

    public static ListBoxModel of(Item context, String current) {
        StandardListBoxModel result = new StandardListBoxModel();
        if (!mayList(context)) {
            return result.includeCurrentValue(current);
        }
        return result.includeEmptyValue().includeAs(ACL.SYSTEM2, context, IssuerCredentials.class).includeCurrentValue(current);
    }

    static boolean mayList(Item context) {
        if (context == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return context.hasPermission(Item.EXTENDED_READ) || context.hasPermission(CredentialsProvider.USE_ITEM);
    }
}
