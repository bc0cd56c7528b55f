package io.jenkins.plugins.scopedtoken.credentials;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.ModelObject;
import jenkins.model.Jenkins;

/**
 * Who may use the web methods behind the issuer credential form. The permission is checked on the credentials
 * store being configured, never on whatever object the request names: {@code @ContextInPath} resolves the
 * URL (or, for {@code /descriptorByName/…}, the Referer header) chosen by the caller, and a user's own
 * {@code User} gives every logged-in user full control of himself. So a folder's store needs Credentials/Create
 * or Update on that folder, and every other context (the system store, a user's store, anything else) needs
 * Overall/Administer: a connection test makes the controller send requests to a URL the caller picks.
 */
public final class FormAccess {
    public static final String REFUSED = "Testing an issuer needs Overall/Administer, or Credentials/Create or Update "
            + "on the folder whose credentials you configure.";

    private FormAccess() {
    }

    public static boolean mayConfigureIssuers(ModelObject context) {
        if (context instanceof AbstractFolder<?> folder) {
            return folder.hasAnyPermission(CredentialsProvider.CREATE, CredentialsProvider.UPDATE);
        }
        return isAdministrator();
    }

    /** Only administrators may test loopback issuers or read the server's own error text. */
    public static boolean isAdministrator() {
        return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
    }
}
