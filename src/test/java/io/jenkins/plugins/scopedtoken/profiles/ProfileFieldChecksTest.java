package io.jenkins.plugins.scopedtoken.profiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsScope;
import io.jenkins.plugins.scopedtoken.credentials.IssuerCredentials;
import io.jenkins.plugins.scopedtoken.token.FieldCheck;
import io.jenkins.plugins.scopedtoken.token.FieldCheck.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileFieldChecksTest {
    @Test
    void idsFollowTheCredentialsIdRules() {
        assertThat(ProfileFieldChecks.id("deploy-token_1.prod")).isEqualTo(FieldCheck.ok());
        assertThat(ProfileFieldChecks.id("").kind()).isEqualTo(Kind.ERROR);
        assertThat(ProfileFieldChecks.id("deploy token").message()).startsWith("Use only letters, digits");
    }

    @Test
    void theIssuerMustBeVisibleAndNotSystemScoped() {
        IssuerCredentials global = issuer("cf-uaa", CredentialsScope.GLOBAL);
        IssuerCredentials system = issuer("internal", CredentialsScope.SYSTEM);
        List<IssuerCredentials> visible = List.of(global, system);

        assertThat(ProfileFieldChecks.issuer("cf-uaa", visible)).isEqualTo(FieldCheck.ok());
        assertThat(ProfileFieldChecks.issuer("", visible).kind()).isEqualTo(Kind.ERROR);
        FieldCheck missing = ProfileFieldChecks.issuer("other", visible);
        assertThat(missing.kind()).isEqualTo(Kind.WARNING);
        assertThat(missing.message()).isEqualTo("No token issuer credential 'other' is visible here; builds fail until one exists.");
        FieldCheck systemScoped = ProfileFieldChecks.issuer("internal", visible);
        assertThat(systemScoped.kind()).isEqualTo(Kind.ERROR);
        assertThat(systemScoped.message()).contains("System scope, which builds can never use");
    }

    private static IssuerCredentials issuer(String id, CredentialsScope scope) {
        IssuerCredentials c = mock(IssuerCredentials.class);
        when(c.getId()).thenReturn(id);
        when(c.getScope()).thenReturn(scope);
        return c;
    }
}
