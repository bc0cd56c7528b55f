package io.jenkins.plugins.scopedtoken.profiles;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.Extension;
import hudson.model.ItemGroup;
import hudson.security.ACL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.security.core.Authentication;

/**
 * Offers token profiles as secret-text credentials: those of the folders around the lookup's context, nearest
 * first, then the global ones; an id already offered by a nearer folder hides the others. Like the system
 * and folder credentials providers, it answers only lookups made as SYSTEM, which is how a build resolves
 * credentials by default; the token itself is issued only when the credential is contextualised for a run
 * ({@link TokenProfileCredentials#forRun}).
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
        Map<String, TokenProfile> offered = new LinkedHashMap<>();
        for (ItemGroup<?> group = itemGroup; group instanceof AbstractFolder<?> folder; group = folder.getParent()) {
            FolderTokenProfiles own = folder.getProperties().get(FolderTokenProfiles.class);
            if (own != null) {
                own.getProfiles().forEach(p -> offered.putIfAbsent(p.getId(), p));
            }
        }
        profiles.get().forEach(p -> offered.putIfAbsent(p.getId(), p));
        List<C> result = new ArrayList<>();
        for (TokenProfile profile : offered.values()) {
            result.add(type.cast(new TokenProfileCredentials(profile)));
        }
        return result;
    }

    @Override
    public String getDisplayName() {
        return "Scoped token profiles";
    }
}
