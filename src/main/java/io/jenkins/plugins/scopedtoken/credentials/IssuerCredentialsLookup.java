package io.jenkins.plugins.scopedtoken.credentials;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.CredentialsStore;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.Domain;
import hudson.AbortException;
import hudson.model.Item;
import hudson.model.ModelObject;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import java.util.List;
import java.util.Optional;
import jenkins.model.Jenkins;

/** Finds issuer credentials through the credentials API, with one clear sentence when that fails. */
public final class IssuerCredentialsLookup {
    private IssuerCredentialsLookup() {
    }

    /**
     * The issuer credential {@code id} as the build sees it (its folders, its authentication), with its use
     * tracked against the build.
     */
    public static IssuerCredentials inRun(String id, Run<?, ?> run) throws AbortException {
        if (id == null || id.isBlank()) {
            throw new AbortException("No issuer is given; set 'issuer' to the credentials id of a token issuer configuration.");
        }
        IdCredentials found = CredentialsProvider.findCredentialById(id, IdCredentials.class, run);
        if (found == null) {
            throw new AbortException("No credentials with id '" + id.trim() + "' are available to this build; "
                    + "create a token issuer credential with that id, or check the 'issuer' parameter and the job's access to the credentials.");
        }
        if (!(found instanceof IssuerCredentials issuer)) {
            throw new AbortException("The credentials '" + id.trim() + "' are of type " + found.getClass().getSimpleName()
                    + ", not a token issuer configuration; give the id of an 'OAuth 2.0 token issuer' credential.");
        }
        CredentialsProvider.track(run, issuer);
        return issuer;
    }

    /**
     * The credential {@code id} of {@code type} held in a store of {@code context} itself (the folder's own
     * store, the system store for Jenkins), never one inherited from a parent: what the form being filled in
     * can update. Call only after checking the permission on that store.
     */
    public static <C extends Credentials> Optional<C> inOwnStores(ModelObject context, String id, Class<C> type) {
        if (id == null || id.isBlank()) {
            return Optional.empty();
        }
        for (CredentialsStore store : CredentialsProvider.lookupStores(context)) {
            if (store.getContext() != context) {
                continue;
            }
            for (Domain domain : store.getDomains()) {
                for (Credentials c : store.getCredentials(domain)) {
                    if (type.isInstance(c) && c instanceof IdCredentials ic && id.trim().equals(ic.getId())) {
                        return Optional.of(type.cast(c));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The issuer credentials {@code id} as the lease owner's job sees them (its folders first, then the root),
     * looked up as SYSTEM: revocation runs on the plugin's own threads, to which Jenkins shows no item. A job
     * deleted since is replaced by its nearest folder still there, so folder credentials stay reachable.
     */
    public static List<IssuerCredentials> visibleTo(String id, LeaseOwner owner) {
        try (ACLContext system = ACL.as2(ACL.SYSTEM2)) {
            Item context = owner == null ? null : nearestItem(Jenkins.get(), owner.job());
            return CredentialsProvider.lookupCredentialsInItem(IssuerCredentials.class, context, ACL.SYSTEM2, List.of())
                    .stream().filter(c -> id.equals(c.getId())).toList();
        }
    }

    /** The item {@code fullName}, or the nearest enclosing folder that exists; null when only the root is left. */
    static Item nearestItem(Jenkins jenkins, String fullName) {
        for (String name = fullName; !name.isEmpty(); name = name.substring(0, Math.max(0, name.lastIndexOf('/')))) {
            Item item = jenkins.getItemByFullName(name);
            if (item != null) {
                return item;
            }
        }
        return null;
    }
}
