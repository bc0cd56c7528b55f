package io.jenkins.plugins.scopedtoken.credentials;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.ModelObject;
import hudson.security.AccessControlled;
import jenkins.model.Jenkins;

/**
 * Who may use the web methods behind the issuer credential form: whoever may create or update credentials
 * in the context the form belongs to (Jenkins for the system store, the folder for a folder store, the user
 * for a user store). Without that permission the checks say nothing and the connection test refuses.
 */
public final class FormAccess {
    public static final String REFUSED = "Testing an issuer needs the Credentials/Create or Credentials/Update permission here.";

    private FormAccess() {
    }

    public static boolean mayManageCredentials(ModelObject context) {
        return governing(context).hasAnyPermission(CredentialsProvider.CREATE, CredentialsProvider.UPDATE);
    }

    static AccessControlled governing(ModelObject context) {
        return context instanceof AccessControlled ac ? ac : Jenkins.get();
    }
}
