package io.jenkins.plugins.scopedtoken.build;

import io.jenkins.plugins.scopedtoken.token.EnvironmentVariableName;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;

/**
 * The build-log line that says a token was bound: the same words for the Pipeline step and the freestyle
 * wrapper, so both name the issuer, the scopes, the TTL, the lease and where the token is.
 */
public final class TokenAnnouncement {
    private TokenAnnouncement() {
    }

    /**
     * @param fileVariable the variable naming the token file, or null without one
     * @param blockEnds    when the lease is revoked with {@code revokeOnExit} ("the block ends", "the build steps end")
     */
    public static String of(String issuer, TokenRequest request, Lease lease, EnvironmentVariableName variable,
                            String fileVariable, boolean revokeOnExit, String blockEnds) {
        StringBuilder b = new StringBuilder("Scoped token from issuer '").append(issuer).append("'");
        if (!request.scopes().isEmpty()) {
            b.append(" with scopes '").append(request.scopes()).append("'");
        }
        b.append(", ttl ").append(request.ttl()).append(", lease ").append(lease.id()).append(", bound to $").append(variable);
        if (fileVariable != null) {
            b.append(" and $").append(fileVariable);
        }
        return b.append("; revoked when ").append(revokeOnExit ? blockEnds : "the build ends").append('.').toString();
    }
}
