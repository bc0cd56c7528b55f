/*
 * Compile-only stub of org.jenkins-ci.plugins:credentials:1415.v831096eb_5534
 * src/main/java/com/cloudbees/plugins/credentials/CredentialsProvider.java. Never packaged: Jenkins supplies the real class.
 * Only the members the plugin calls or overrides; the real class also implements ExtensionPoint and IconSpec.
 * All overloads a call with these argument types could bind to are present.
 */
package com.cloudbees.plugins.credentials;

import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.ModelObject;
import hudson.model.Run;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import java.util.List;
import org.springframework.security.core.Authentication;

public abstract class CredentialsProvider extends Descriptor<CredentialsProvider>
        implements Describable<CredentialsProvider> {
    // Real names, groups and implications; the real constructors also take an enabled flag and scopes.
    public static final PermissionGroup GROUP = new PermissionGroup(CredentialsProvider.class, null);

    public static final Permission USE_ITEM = new Permission(GROUP, "UseItem", null, Item.CONFIGURE);

    public static final Permission CREATE = new Permission(GROUP, "Create", null, Permission.CREATE);

    public static final Permission UPDATE = new Permission(GROUP, "Update", null, Permission.UPDATE);

    public static final Permission VIEW = new Permission(GROUP, "View", null, Permission.READ);

    /** Empty, like the Descriptor stub's constructors, so providers can be built in unit tests. */
    public CredentialsProvider() {
    }

    @Override
    public Descriptor<CredentialsProvider> getDescriptor() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    /** Concrete in the real class, but throws AbstractMethodError unless a provider overrides it. */
    @SuppressWarnings("rawtypes")
    public <C extends Credentials> List<C> getCredentialsInItemGroup(Class<C> type, ItemGroup itemGroup,
            Authentication authentication, List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @SuppressWarnings("rawtypes")
    public static <C extends Credentials> List<C> lookupCredentialsInItemGroup(Class<C> type, ItemGroup itemGroup,
            Authentication authentication) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @SuppressWarnings("rawtypes")
    public static <C extends Credentials> List<C> lookupCredentialsInItemGroup(Class<C> type, ItemGroup itemGroup,
            Authentication authentication, List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static <C extends Credentials> List<C> lookupCredentialsInItem(Class<C> type, Item item, Authentication authentication,
            List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run,
            DomainRequirement... domainRequirements) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public static <C extends IdCredentials> C findCredentialById(String id, Class<C> type, Run<?, ?> run,
            List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    /** The stores whose context is exactly {@code context} (a folder's own store, not its parents'). */
    public static Iterable<CredentialsStore> lookupStores(ModelObject context) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @SuppressWarnings("rawtypes")
    public static <C extends Credentials> C track(Run build, C credentials) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
