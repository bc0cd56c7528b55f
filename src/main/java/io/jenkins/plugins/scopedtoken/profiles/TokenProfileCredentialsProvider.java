package io.jenkins.plugins.scopedtoken.profiles;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.Extension;
import hudson.model.ItemGroup;
import hudson.security.ACL;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;

/**
 * Offers every token profile as a secret-text credential. Like the system credentials provider, it answers
 * only lookups made as SYSTEM, which is how a build resolves credentials by default; the token itself is
 * issued only when the credential is contextualised for a run ({@link TokenProfileCredentials#forRun}).
 */
@Extension
public class TokenProfileCredentialsProvider extends CredentialsProvider {
    private final Supplier<List<TokenProfile>> profiles;

    public TokenProfileCredentialsProvider() {
        this(() -> TokenProfiles.get().getProfiles());
    }

    TokenProfileCredentialsProvider(Supplier<List<TokenProfile>> profiles) {
        this.profiles = profiles;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public <C extends Credentials> List<C> getCredentialsInItemGroup(Class<C> type, ItemGroup itemGroup,
            Authentication authentication, List<DomainRequirement> domainRequirements) {
        if (!type.isAssignableFrom(TokenProfileCredentials.class) || !Objects.equals(ACL.SYSTEM2, authentication)) {
            return List.of();
        }
        List<C> result = new ArrayList<>();
        for (TokenProfile profile : profiles.get()) {
            result.add(type.cast(new TokenProfileCredentials(profile)));
        }
        return result;
    }

    @Override
    public String getDisplayName() {
        return "Scoped token profiles";
    }
}
