package io.jenkins.plugins.scopedtoken.policy;

import io.jenkins.plugins.scopedtoken.policy.FolderPolicies.FolderPolicy;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;

/**
 * The global policy intersected with folder policies. Folder configurers are trusted less than administrators,
 * so a folder can only take away: the global policy decides first, then each enclosing folder that has grants
 * for the issuer decides on the request as the global policy let it through (a TTL may only get shorter). A
 * folder without grants for an issuer leaves that issuer as the global policy has it.
 */
final class NarrowedPolicy implements LeasePolicy {
    private final GrantPolicy global;
    private final FolderPolicies folders;

    NarrowedPolicy(GrantPolicy global, FolderPolicies folders) {
        this.global = global;
        this.folders = folders;
    }

    @Override
    public PolicyDecision decide(TokenRequest request) {
        PolicyDecision decision = global.decide(request);
        if (!decision.allowed()) {
            return decision;
        }
        String job = request.owner().job();
        for (FolderPolicy folder : folders.enclosing(job)) {
            if (!folder.grants().names(request.issuerId()) || !job.startsWith(folder.folder() + "/")) {
                continue;
            }
            PolicyDecision narrowed = folder.grants().decide(decision.request(),
                    job.substring(folder.folder().length() + 1), "folder '" + folder.folder() + "' ");
            if (!narrowed.allowed() || narrowed.request() != decision.request()) {
                decision = narrowed;
            }
            if (!decision.allowed()) {
                return decision;
            }
        }
        return decision;
    }
}
