package io.jenkins.plugins.scopedtoken.token;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.scopedtoken.token.FieldCheck.Kind;
import org.junit.jupiter.api.Test;

class TokenFieldChecksTest {
    @Test
    void scopesFollowRfc6749() {
        assertThat(TokenFieldChecks.scopes("repo:read deploy")).isEqualTo(FieldCheck.ok());
        assertThat(TokenFieldChecks.scopes("")).isEqualTo(FieldCheck.ok());
        FieldCheck quote = TokenFieldChecks.scopes("bad\"scope");
        assertThat(quote.kind()).isEqualTo(Kind.ERROR);
        assertThat(quote.message()).isEqualTo(catchMessage(() -> Scopes.parse("bad\"scope")));
    }

    @Test
    void ttlIsBoundedAndEmptyMeansTheDefault() {
        assertThat(TokenFieldChecks.ttl("30m")).isEqualTo(FieldCheck.ok());
        assertThat(TokenFieldChecks.ttl(" ")).isEqualTo(FieldCheck.ok("Empty: tokens live 15m at most."));
        assertThat(TokenFieldChecks.ttl("5s").message()).startsWith("The ttl 5s is out of range;");
        assertThat(TokenFieldChecks.ttl("3 days").kind()).isEqualTo(Kind.ERROR);
    }

    @Test
    void variableNamesArePosixAndNotReserved() {
        assertThat(TokenFieldChecks.variable("CF_TOKEN")).isEqualTo(FieldCheck.ok());
        assertThat(TokenFieldChecks.variable("")).isEqualTo(FieldCheck.ok("Empty: the token is bound to SCOPED_TOKEN."));
        assertThat(TokenFieldChecks.variable("PATH").kind()).isEqualTo(Kind.ERROR);
        assertThat(TokenFieldChecks.variable("1TOKEN").kind()).isEqualTo(Kind.ERROR);
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
            throw new AssertionError("expected a refusal");
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
    }
}
