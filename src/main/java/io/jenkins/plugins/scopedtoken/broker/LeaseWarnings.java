package io.jenkins.plugins.scopedtoken.broker;

import java.util.ArrayList;
import java.util.List;

/** The sentences every face (build log, command line) shows with a freshly issued token that needs them. */
public final class LeaseWarnings {
    private LeaseWarnings() {
    }

    /** That the token cannot be revoked, or that the server keeps it valid beyond the requested TTL. */
    public static List<String> of(LeaseView v, boolean revocable) {
        List<String> w = new ArrayList<>();
        if (!revocable) {
            w.add("Issuer '" + v.issuerId() + "' cannot revoke this token (allowed by 'allowUnrevocableTokens'): it stays"
                    + " valid until " + (v.serverExpiresAt() != null ? v.serverExpiresAt() : "the server lets it expire")
                    + ", whatever happens to the build.");
        } else if (v.outlivesTtl()) {
            w.add("The server keeps this token valid until " + v.serverExpiresAt() + ", beyond the requested TTL ("
                    + v.expiresAt() + "); it is revoked when its use ends, and revocation is retried until then.");
        }
        return w;
    }
}
