package io.jenkins.plugins.scopedtoken.profiles;

import hudson.Extension;
import hudson.ExtensionList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.StaplerRequest2;

/**
 * The administrator's list of token profiles (Manage Jenkins » System, and JCasC
 * {@code unclassified: scopedTokenProfiles: profiles: [...]}).
 */
@Extension
@Symbol("scopedTokenProfiles")
public class TokenProfiles extends GlobalConfiguration {
    // ArrayList, not List.of(): the field is written to XML by XStream, which must not see JDK-internal types.
    private volatile List<TokenProfile> profiles = new ArrayList<>();

    public TokenProfiles() {
        load();
    }

    /** For tests: a configuration that neither loads nor saves. */
    TokenProfiles(List<TokenProfile> profiles) {
        this.profiles = ProfileLists.checked(profiles);
    }

    public static TokenProfiles get() {
        return ExtensionList.lookupSingleton(TokenProfiles.class);
    }

    public List<TokenProfile> getProfiles() {
        return profiles;
    }

    @DataBoundSetter
    public void setProfiles(List<TokenProfile> profiles) {
        this.profiles = ProfileLists.checked(profiles);
        save();
    }

    public Optional<TokenProfile> find(String id) {
        return profiles.stream().filter(p -> p.getId().equals(id)).findFirst();
    }

    /**
     * Clears the list before binding and saves after it. A form whose last profile was deleted has no
     * {@code profiles} key, so binding never calls {@link #setProfiles}; and {@code GlobalConfiguration.configure}
     * does not save (Jenkins saves only its own config.xml), so without both the profile would come back after a
     * restart.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        this.profiles = new ArrayList<>();
        boolean result = super.configure(req, json);
        save();
        return result;
    }
}
