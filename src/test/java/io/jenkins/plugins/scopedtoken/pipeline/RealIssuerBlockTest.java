package io.jenkins.plugins.scopedtoken.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import hudson.EnvVars;
import hudson.model.Run;
import hudson.util.Secret;
import io.jenkins.plugins.scopedtoken.admin.ScopedTokenRuntime;
import io.jenkins.plugins.scopedtoken.admin.TokenSeal;
import io.jenkins.plugins.scopedtoken.build.LeaseRow;
import io.jenkins.plugins.scopedtoken.build.RunOwner;
import io.jenkins.plugins.scopedtoken.credentials.IssuerRegistry;
import io.jenkins.plugins.scopedtoken.credentials.OAuth2IssuerCredentials;
import io.jenkins.plugins.scopedtoken.testing.DirectoryBroker;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.AuthMethod;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.TokenFormat;
import io.jenkins.plugins.scopedtoken.testing.TestRuntime;
import java.util.List;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.Mockito;

/**
 * The whole adapter chain against a real OAuth 2.0 server on loopback: the step resolves the issuer
 * credential, the registry builds the real OAuth2 issuer, the token in the block's environment works at
 * a protected resource, and the block end revokes it there.
 */
class RealIssuerBlockTest {
    private static EmbeddedAuthorizationServer server;

    @BeforeAll
    static void start() {
        server = EmbeddedAuthorizationServer.start();
        server.register(EmbeddedAuthorizationServer.client("jenkins").secret("block-secret")
                .authMethods(AuthMethod.CLIENT_SECRET_BASIC).scopes("deploy", "read").tokenFormat(TokenFormat.OPAQUE));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theBlocksTokenWorksInsideAndIsRevokedAtTheServerWhenTheBlockEnds() throws Exception {
        IssuerRegistry registry = new IssuerRegistry(id -> Optional.empty());
        ScopedTokenRuntime runtime = new ScopedTokenRuntime(new DirectoryBroker(registry), registry, new TokenSeal(TestRuntime.randomKey()), Runnable::run);
        ScopedTokenRuntime.install(runtime);
        try (BlockFixture f = new BlockFixture(new TestRuntime(new io.jenkins.plugins.scopedtoken.testing.FakeBroker(), TestRuntime.randomKey()))) {
            ScopedTokenRuntime.install(runtime);
            OAuth2IssuerCredentials issuer = issuerCredentials();
            f.credentials.when(() -> CredentialsProvider.findCredentialById(eq("idp"), eq(IdCredentials.class), any(Run.class))).thenReturn(issuer);

            BlockState state = new TokenBlock(runtime).begin(f.context,
                    new BlockSettings("idp", List.of("deploy"), null, "2m", "DEPLOY_TOKEN", false, true),
                    s -> new BlockFixture.MarkerCallback(), () -> false);

            EnvVars env = mock(EnvVars.class);
            f.invoker.context(EnvironmentExpander.class).expand(env);
            ArgumentCaptor<String> token = ArgumentCaptor.forClass(String.class);
            verify(env).override(eq("DEPLOY_TOKEN"), token.capture());
            assertThat(server.resourceStatus(token.getValue(), "deploy")).isEqualTo(200);
            assertThat(f.log()).doesNotContain(token.getValue());

            new BlockEnd(runtime).finish(f.context, state);

            assertThat(server.isActive(token.getValue())).isFalse();
            assertThat(server.resourceStatus(token.getValue(), "deploy")).isEqualTo(401);
            List<LeaseRow> rows = runtime.broker().leasesOf(RunOwner.of(f.run)).stream().map(LeaseRow::new).toList();
            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.getIssuer()).isEqualTo("idp");
                assertThat(row.getStage()).isEqualTo("Deploy");
                assertThat(row.getNode()).isEqualTo("agent-1");
                assertThat(row.getStatus()).isEqualTo("revoked (verified)");
                assertThat(row.getRevocationLatency()).endsWith(" ms");
                assertThat(row.isWarning()).isFalse();
            });
        } finally {
            TestRuntime.uninstall();
            registry.close();
        }
    }

    private static OAuth2IssuerCredentials issuerCredentials() {
        Secret secret = mock(Secret.class);
        when(secret.getPlainText()).thenReturn("block-secret");
        OAuth2IssuerCredentials c = Mockito.spy(new OAuth2IssuerCredentials(CredentialsScope.GLOBAL, "idp", "test", "jenkins"));
        Mockito.doReturn("idp").when(c).getId();
        c.setTokenEndpoint(server.tokenEndpoint());
        c.setRevocationEndpoint(server.revocationEndpoint());
        c.setIntrospectionEndpoint(server.introspectionEndpoint());
        c.setVerifyRevocation(true);
        c.setClientSecret(secret);
        return c;
    }
}
