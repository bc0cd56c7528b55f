package io.jenkins.plugins.scopedtoken.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.testing.TestIssuerCredentials;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One cached issuer per configuration, rebuilt on change, and never another folder's issuer under the same id. */
class IssuerRegistryTest {
    private final Map<String, IssuerCredentials> system = new HashMap<>();
    private final IssuerRegistry registry = new IssuerRegistry(id -> Optional.ofNullable(system.get(id)));

    @Test
    void cachesOneIssuerPerConfigurationAndNamesItByTheQualifiedId() {
        TestIssuerCredentials c = credentials("cf-uaa", "https://uaa.a", "s1");
        String id = registry.register(c);

        TokenIssuer first = registry.find(id).orElseThrow();
        TokenIssuer second = registry.find(id).orElseThrow();

        assertThat(first).isSameAs(second);
        assertThat(c.created).hasSize(1);
        assertThat(first.id()).as("the issuer answers to the qualified id").isEqualTo(id);
        assertThat(id).isEqualTo("cf-uaa@" + c.settingsDigest().substring(0, 12));
        assertThat(registry.cachedIssuers()).isEqualTo(1);
    }

    @Test
    void aChangedSecretRebuildsTheIssuerAndClosesTheOldOne() {
        String id = registry.register(credentials("cf-uaa", "https://uaa.a", "old"));
        TokenIssuer old = registry.find(id).orElseThrow();

        TestIssuerCredentials rotated = credentials("cf-uaa", "https://uaa.a", "new");
        assertThat(registry.register(rotated)).isEqualTo(id);
        TokenIssuer fresh = registry.find(id).orElseThrow();

        assertThat(fresh).isNotSameAs(old);
        verify(old).close();
    }

    @Test
    void twoFoldersWithTheSameIdGetTheirOwnIssuers() {
        String a = registry.register(credentials("deploy", "https://uaa.team-a", "x"));
        String b = registry.register(credentials("deploy", "https://uaa.team-b", "y"));

        assertThat(a).isNotEqualTo(b).startsWith("deploy@");
        assertThat(registry.find(a).orElseThrow().id()).isEqualTo(a);
        assertThat(registry.find(b).orElseThrow().id()).isEqualTo(b);
    }

    @Test
    void withoutARegistrationTheSystemCredentialIsUsedForRevocationAfterARestart() {
        TestIssuerCredentials c = credentials("cf-uaa", "https://uaa.a", "s");
        String id = QualifiedIssuerId.of(c).toString();
        system.put("cf-uaa", c);

        assertThat(registry.find(id)).isPresent();
        assertThat(registry.find("unknown@0123456789ab")).isEmpty();
    }

    /**
     * After a restart nothing is registered. A folder's lease must be revoked with the folder's credential
     * (found where the owner's job sees it), never with the root credential that shares its id.
     */
    @Test
    void afterARestartAFolderLeaseIsRevokedWithTheFoldersCredentialNotTheRootsWithTheSameId() {
        TestIssuerCredentials folder = credentials("deploy", "https://uaa.team-a", "x");
        TestIssuerCredentials root = credentials("deploy", "https://uaa.root", "y");
        String leaseIssuer = QualifiedIssuerId.of(folder).toString();
        system.put("deploy", root);
        IssuerRegistry restarted = new IssuerRegistry((id, owner) -> owner != null && owner.job().startsWith("team-a/")
                ? List.of(folder) : List.of(root));

        TokenIssuer issuer = restarted.findForRevocation(leaseIssuer, LeaseOwner.of("team-a/app", 3)).orElseThrow();

        assertThat(folder.created).containsExactly(issuer);
        assertThat(root.created).isEmpty();
    }

    @Test
    void aCredentialWithTheSameIdButOtherSettingsNeverReceivesTheTokenAndTheLeaseStaysPendingSayingWhy() throws Exception {
        TestIssuerCredentials issuedWith = credentials("deploy", "https://uaa.team-a", "x");
        TestIssuerCredentials other = credentials("deploy", "https://uaa.root", "y");
        String leaseIssuer = QualifiedIssuerId.of(issuedWith).toString();
        IssuerRegistry restarted = new IssuerRegistry((id, owner) -> List.of(other));

        TokenIssuer issuer = restarted.findForRevocation(leaseIssuer, LeaseOwner.of("team-a/app", 3)).orElseThrow();

        assertThatThrownBy(() -> issuer.revoke(null)).isInstanceOfSatisfying(IssuerException.class, e -> {
            assertThat(e.isRetryable()).as("pending, retried once the credential is back").isTrue();
            assertThat(e.getMessage()).contains("'deploy'", "job 'team-a/app'", "settings", QualifiedIssuerId.parse(leaseIssuer).digest());
        });
        assertThat(other.created).isEmpty();
        assertThat(restarted.find(leaseIssuer)).isEmpty();

        IssuerRegistry deleted = new IssuerRegistry((id, owner) -> List.of());
        assertThatThrownBy(() -> deleted.findForRevocation(leaseIssuer, LeaseOwner.of("team-a/app", 3)).orElseThrow().revoke(null))
                .hasMessageContaining("No issuer credential 'deploy' is visible to job 'team-a/app'");
    }

    @Test
    void qualifiedIdsParseBack() {
        QualifiedIssuerId q = QualifiedIssuerId.parse("team@cf@0123456789ab");
        assertThat(q.credentialsId()).isEqualTo("team@cf");
        assertThat(q.digest()).isEqualTo("0123456789ab");
        assertThat(QualifiedIssuerId.displayName("cf-uaa@0123456789ab")).isEqualTo("cf-uaa");
        assertThat(QualifiedIssuerId.parse("plain")).hasToString("plain");
    }

    @Test
    void aPrivateRegistrationIsNeverSharedAndIsReleasedWithItsIssuer() {
        TestIssuerCredentials saved = credentials("cf-uaa", "https://uaa.a", "s");
        String shared = registry.register(saved);
        TokenIssuer sharedIssuer = registry.find(shared).orElseThrow();

        String first = registry.registerPrivately(credentials("cf-uaa", "https://uaa.a", "s"), "cf-uaa");
        String second = registry.registerPrivately(credentials("cf-uaa", "https://uaa.a", "s"), "cf-uaa");
        assertThat(first).startsWith(shared + "~").isNotEqualTo(second);
        TokenIssuer privateIssuer = registry.find(first).orElseThrow();
        assertThat(privateIssuer).isNotSameAs(sharedIssuer);
        assertThat(QualifiedIssuerId.displayName(first)).isEqualTo("cf-uaa");
        assertThat(QualifiedIssuerId.parse(first)).isEqualTo(QualifiedIssuerId.parse(shared));

        registry.release(first);
        verify(privateIssuer).close();
        verify(sharedIssuer, never()).close();
        assertThat(registry.find(shared)).containsSame(sharedIssuer);
        assertThat(registry.find(first)).as("after release it resolves like a restart would: by credentials id").isEmpty();
    }

    private static TestIssuerCredentials credentials(String id, String endpoint, String secret) {
        return new TestIssuerCredentials(id, endpoint, secret, issuerId -> {
            TokenIssuer issuer = mock(TokenIssuer.class);
            when(issuer.id()).thenReturn(issuerId);
            return issuer;
        });
    }
}
