package io.jenkins.plugins.scopedtoken.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import com.cloudbees.hudson.plugins.folder.AbstractFolderProperty;
import com.cloudbees.hudson.plugins.folder.AbstractFolderPropertyDescriptor;
import hudson.model.ItemGroup;
import hudson.security.ACL;
import hudson.util.DescribableList;
import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.Test;

/**
 * Folder profiles are offered only inside their folder, nearest folder first, and hide global or outer
 * profiles with the same id; folders without the property and non-folder groups add nothing.
 */
class FolderTokenProfilesTest {
    private final TokenProfile globalDeploy = profile("deploy", "global-issuer", "deploy");
    private final TokenProfile globalRead = profile("read", "global-issuer", "read");
    private final TokenProfileCredentialsProvider provider =
            new TokenProfileCredentialsProvider(() -> List.of(globalDeploy, globalRead));

    @Test
    void theNearestFolderWinsAndGlobalProfilesFillTheRest() {
        ItemGroup<?> root = mock(ItemGroup.class);
        AbstractFolder<?> team = folder(root, new FolderTokenProfiles(List.of(profile("deploy", "team-issuer", "deploy"),
                profile("team-only", "team-issuer", "ci"))));
        AbstractFolder<?> plain = folder(team, null);
        AbstractFolder<?> service = folder(plain, new FolderTokenProfiles(List.of(profile("team-only", "service-issuer", "ci"))));

        Map<String, String> issuerById = offered(service);

        assertThat(issuerById).containsExactly(Map.entry("team-only", "service-issuer"), Map.entry("deploy", "team-issuer"),
                Map.entry("read", "global-issuer"));
    }

    @Test
    void outsideTheFolderOnlyGlobalProfilesAreOffered() {
        ItemGroup<?> root = mock(ItemGroup.class);
        folder(root, new FolderTokenProfiles(List.of(profile("team-only", "team-issuer", "ci"))));

        assertThat(offered(root)).containsOnlyKeys("deploy", "read");
        assertThat(offered(null)).containsOnlyKeys("deploy", "read");
    }

    @Test
    void duplicateIdsInOneFolderAreRefused() {
        List<TokenProfile> twice = List.of(profile("a", "x", "s"), profile("a", "y", "s"));
        assertThatThrownBy(() -> new FolderTokenProfiles(twice)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Two token profiles have the id 'a'; give each profile its own id.");
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private Map<String, String> offered(ItemGroup<?> group) {
        List<StringCredentials> found = provider.getCredentialsInItemGroup(StringCredentials.class, (ItemGroup) group, ACL.SYSTEM2, List.of());
        return found.stream().map(c -> ((TokenProfileCredentials) c).getProfile())
                .collect(Collectors.toMap(TokenProfile::getId, TokenProfile::getIssuer, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    @SuppressWarnings("unchecked")
    private static AbstractFolder<?> folder(ItemGroup<?> parent, FolderTokenProfiles property) {
        AbstractFolder<?> folder = mock(AbstractFolder.class);
        DescribableList<AbstractFolderProperty<?>, AbstractFolderPropertyDescriptor> properties = mock(DescribableList.class);
        when(properties.get(FolderTokenProfiles.class)).thenReturn(property);
        doReturn(properties).when(folder).getProperties();
        doReturn(parent).when(folder).getParent();
        return folder;
    }

    private static TokenProfile profile(String id, String issuer, String scopes) {
        TokenProfile p = new TokenProfile(id, issuer);
        p.setScopes(scopes);
        return p;
    }
}
