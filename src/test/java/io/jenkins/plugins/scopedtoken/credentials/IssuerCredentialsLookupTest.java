package io.jenkins.plugins.scopedtoken.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.testing.TestIssuerCredentials;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import jenkins.model.Jenkins;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;
import org.springframework.security.core.Authentication;

/** Revocation finds issuer credentials where the lease's job sees them, as SYSTEM, even after the job was deleted. */
class IssuerCredentialsLookupTest {
    private final Jenkins jenkins = mock(Jenkins.class);
    private final Item folder = mock(Item.class);
    private final AtomicInteger systemContexts = new AtomicInteger();
    private final TestIssuerCredentials inFolder = new TestIssuerCredentials("deploy", "https://uaa.team-a", "s", id -> mock(TokenIssuer.class));
    private final TestIssuerCredentials other = new TestIssuerCredentials("other", "https://uaa.team-a", "s", id -> mock(TokenIssuer.class));
    private MockedStatic<Jenkins> jenkinsStatic;
    private MockedStatic<ACL> acl;
    private MockedStatic<CredentialsProvider> credentials;

    @BeforeEach
    void setUp() {
        jenkinsStatic = mockStatic(Jenkins.class);
        jenkinsStatic.when(Jenkins::get).thenReturn(jenkins);
        // Like Jenkins: items are only visible inside the SYSTEM context.
        when(jenkins.getItemByFullName("team-a")).thenAnswer(call -> systemContexts.get() > 0 ? folder : null);
        acl = mockStatic(ACL.class);
        acl.when(() -> ACL.as2(any(Authentication.class))).thenAnswer(call -> {
            assertThat((Object) call.getArgument(0)).isSameAs(ACL.SYSTEM2);
            systemContexts.incrementAndGet();
            ACLContext context = mock(ACLContext.class);
            org.mockito.Mockito.doAnswer(close -> systemContexts.decrementAndGet()).when(context).close();
            return context;
        });
        credentials = mockStatic(CredentialsProvider.class);
        credentials.when(() -> CredentialsProvider.lookupCredentialsInItem(eq(IssuerCredentials.class), eq(folder), eq(ACL.SYSTEM2), anyList()))
                .thenReturn(List.of(other, inFolder));
    }

    @AfterEach
    void tearDown() {
        credentials.close();
        acl.close();
        jenkinsStatic.close();
    }

    @Test
    void aDeletedJobsLeaseIsResolvedInItsFolderAsSystem() {
        assertThat(IssuerCredentialsLookup.visibleTo("deploy", LeaseOwner.of("team-a/app", 3))).containsExactly(inFolder);
        assertThat(systemContexts).as("the SYSTEM context is closed again").hasValue(0);
    }
}
