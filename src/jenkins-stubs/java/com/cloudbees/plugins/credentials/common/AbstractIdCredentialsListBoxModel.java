/*
 * Compile-only stub of org.jenkins-ci.plugins:credentials:1415.v831096eb_5534
 * src/main/java/com/cloudbees/plugins/credentials/common/AbstractIdCredentialsListBoxModel.java.
 * Never packaged: Jenkins supplies the real class. Only the members the plugin calls; for includeAs, every
 * overload a call with (Authentication, Item, Class) could bind to is present (the acegi ones take another
 * Authentication type, the ItemGroup ones another context type).
 */
package com.cloudbees.plugins.credentials.common;

import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.util.ListBoxModel;
import java.util.List;
import org.springframework.security.core.Authentication;

public abstract class AbstractIdCredentialsListBoxModel<T extends AbstractIdCredentialsListBoxModel<T, C>, C extends IdCredentials>
        extends ListBoxModel {
    protected abstract String describe(C c);

    public AbstractIdCredentialsListBoxModel<T, C> includeEmptyValue() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeAs(Authentication authentication, Item context, Class<? extends C> type) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @SuppressWarnings("rawtypes")
    public AbstractIdCredentialsListBoxModel<T, C> includeAs(Authentication authentication, ItemGroup context, Class<? extends C> type) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeAs(Authentication authentication, Item context, Class<? extends C> type,
            List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @SuppressWarnings("rawtypes")
    public AbstractIdCredentialsListBoxModel<T, C> includeAs(Authentication authentication, ItemGroup context, Class<? extends C> type,
            List<DomainRequirement> domainRequirements) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public AbstractIdCredentialsListBoxModel<T, C> includeCurrentValue(String value) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
