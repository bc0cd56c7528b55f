package io.jenkins.plugins.scopedtoken.profiles;

import hudson.model.Item;
import jenkins.model.Jenkins;

/** Who may see the profile form's checks: administrators for the global list, folder configurers for a folder's. */
final class ProfileAccess {
    private ProfileAccess() {
    }

    static boolean mayConfigure(Item folder) {
        return folder == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : folder.hasPermission(Item.CONFIGURE);
    }
}
