package io.jenkins.plugins.scopedtoken.profiles;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.Extension;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.scopedtoken.credentials.FormChecks;
import io.jenkins.plugins.scopedtoken.credentials.IssuerChoices;
import io.jenkins.plugins.scopedtoken.credentials.IssuerCredentials;
import io.jenkins.plugins.scopedtoken.token.FieldCheck;
import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenFieldChecks;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.io.Serializable;
import java.util.List;
import java.util.function.Supplier;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What a run gets when it asks for the credential {@code id}: a token from the issuer credential
 * {@code issuer} with exactly {@code scopes}, for {@code audience}, living at most {@code ttl}.
 * Holds no secret: the issuer's secrets stay in its own credential.
 */
public final class TokenProfile extends AbstractDescribableImpl<TokenProfile> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String id;
    private final String issuer;
    private String description = "";
    private String scopes = "";
    private String audience = "";
    private String ttl = "";

    @DataBoundConstructor
    public TokenProfile(String id, String issuer) {
        this.id = require(id, "id", "the credentials id builds will use, e.g. deploy-token");
        this.issuer = require(issuer, "issuer", "the credentials id of a token issuer configuration");
    }

    private static String require(String value, String field, String what) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("A token profile has no '" + field + "'; set it to " + what + ".");
        }
        return value.trim();
    }

    public String getId() {
        return id;
    }

    public String getIssuer() {
        return issuer;
    }

    public String getDescription() {
        return description;
    }

    @DataBoundSetter
    public void setDescription(String description) {
        this.description = description == null ? "" : description.trim();
    }

    public String getScopes() {
        return scopes;
    }

    /** Space-separated scopes; validated now so a bad profile is refused when saved, not at build time. */
    @DataBoundSetter
    public void setScopes(String scopes) {
        this.scopes = Scopes.parse(scopes).asString();
    }

    public String getAudience() {
        return audience;
    }

    @DataBoundSetter
    public void setAudience(String audience) {
        this.audience = audience == null ? "" : audience.trim();
    }

    public String getTtl() {
        return ttl;
    }

    @DataBoundSetter
    public void setTtl(String ttl) {
        this.ttl = ttl == null || ttl.isBlank() ? "" : Ttl.parse(ttl).toString();
    }

    Scopes scopeSet() {
        return Scopes.parse(scopes);
    }

    Ttl ttlValue() {
        return Ttl.parse(ttl);
    }

    @Override
    public String toString() {
        return "TokenProfile[" + id + " -> " + issuer + ", scopes '" + scopes + "', ttl " + ttlValue() + "]";
    }

    @Extension
    @Symbol("tokenProfile")
    public static final class DescriptorImpl extends Descriptor<TokenProfile> {
        @Override
        public String getDisplayName() {
            return "Token profile";
        }

        @POST
        public ListBoxModel doFillIssuerItems(@AncestorInPath Item item, @QueryParameter String issuer) {
            return IssuerChoices.of(item, issuer);
        }

        // @POST and a permission check on each: the global list is for administrators, a folder's for those
        // who may configure the folder. Without the permission the checks stay silent.

        @POST
        public FormValidation doCheckId(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> ProfileFieldChecks.id(value));
        }

        @POST
        public FormValidation doCheckScopes(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> TokenFieldChecks.scopes(value));
        }

        @POST
        public FormValidation doCheckTtl(@AncestorInPath Item item, @QueryParameter String value) {
            return check(item, () -> TokenFieldChecks.ttl(value));
        }

        @POST
        @SuppressWarnings("rawtypes")
        public FormValidation doCheckIssuer(@AncestorInPath Item item, @QueryParameter String value) {
            ItemGroup context = item instanceof ItemGroup<?> group ? group : null;
            return check(item, () -> ProfileFieldChecks.issuer(value,
                    CredentialsProvider.lookupCredentialsInItemGroup(IssuerCredentials.class, context, ACL.SYSTEM2, List.of())));
        }

        private static FormValidation check(Item item, Supplier<FieldCheck> check) {
            return FormChecks.ifPermitted(ProfileAccess.mayConfigure(item), check);
        }
    }
}
