package io.jenkins.plugins.scopedtoken.profiles;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.AbstractFolderProperty;
import com.cloudbees.hudson.plugins.folder.AbstractFolderPropertyDescriptor;
import hudson.Extension;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;

/**
 * Token profiles of one folder (folder » Configure, or Job DSL {@code properties { tokenProfiles { … } }}), offered
 * only to builds inside that folder. A profile here hides a global or outer-folder profile with the same id.
 * Whoever may configure the folder may edit them; the issuer is still resolved in each build's own context.
 */
public class FolderTokenProfiles extends AbstractFolderProperty<AbstractFolder<?>> {
    private final List<TokenProfile> profiles;

    @DataBoundConstructor
    public FolderTokenProfiles(List<TokenProfile> profiles) {
        this.profiles = ProfileLists.checked(profiles);
    }

    public List<TokenProfile> getProfiles() {
        return profiles == null ? List.of() : profiles;
    }

    @Extension
    @Symbol("tokenProfiles")
    public static class DescriptorImpl extends AbstractFolderPropertyDescriptor {
        @Override
        public String getDisplayName() {
            return "Scoped token profiles";
        }
    }
}
