package io.jenkins.plugins.scopedtoken.pipeline;

import hudson.AbortException;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.scopedtoken.build.JobFormChecks;
import io.jenkins.plugins.scopedtoken.credentials.IssuerChoices;
import io.jenkins.plugins.scopedtoken.token.EnvironmentVariableName;
import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import io.jenkins.plugins.scopedtoken.token.TokenFieldChecks;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code withScopedToken(issuer: 'cf-uaa', scopes: [...], ttl: '15m') { ... }}: issues a fresh token for
 * the block, binds it to a masked variable (and optionally a file), and revokes it when the block ends.
 */
public final class WithScopedTokenStep extends Step {
    private final String issuer;
    private List<String> scopes = new ArrayList<>();
    private String audience;
    private String ttl;
    private String variable = EnvironmentVariableName.DEFAULT.value();
    private boolean tokenFile;
    private boolean revokeOnExit = true;

    @DataBoundConstructor
    public WithScopedTokenStep(String issuer) {
        this.issuer = issuer == null ? null : issuer.trim();
    }

    public String getIssuer() {
        return issuer;
    }

    /** Space-separated, as the form shows it; the setter also takes a list. */
    public String getScopes() {
        return scopes.isEmpty() ? null : String.join(" ", scopes);
    }

    /** A list of scopes ({@code ['a', 'b']}) or one space-separated string ({@code 'a b'}). */
    @DataBoundSetter
    public void setScopes(Object scopes) {
        List<String> list = new ArrayList<>();
        if (scopes instanceof CharSequence text) {
            list.add(text.toString());
        } else if (scopes instanceof Collection<?> items) {
            for (Object item : items) {
                if (item == null) {
                    throw new InvalidInputException("A scope in the list is null; remove it or give a scope name.");
                }
                list.add(item.toString());
            }
        } else if (scopes instanceof Object[] items) {
            setScopes(List.of(items));
            return;
        } else if (scopes != null) {
            throw new InvalidInputException("'scopes' must be a list of strings or one space-separated string, not a "
                    + scopes.getClass().getSimpleName() + ".");
        }
        this.scopes = list;
    }

    public String getAudience() {
        return audience;
    }

    @DataBoundSetter
    public void setAudience(String audience) {
        this.audience = blankToNull(audience);
    }

    public String getTtl() {
        return ttl;
    }

    @DataBoundSetter
    public void setTtl(String ttl) {
        this.ttl = blankToNull(ttl);
    }

    public String getVariable() {
        return variable;
    }

    @DataBoundSetter
    public void setVariable(String variable) {
        String v = blankToNull(variable);
        this.variable = v == null ? EnvironmentVariableName.DEFAULT.value() : v;
    }

    public boolean isTokenFile() {
        return tokenFile;
    }

    @DataBoundSetter
    public void setTokenFile(boolean tokenFile) {
        this.tokenFile = tokenFile;
    }

    public boolean isRevokeOnExit() {
        return revokeOnExit;
    }

    @DataBoundSetter
    public void setRevokeOnExit(boolean revokeOnExit) {
        this.revokeOnExit = revokeOnExit;
    }

    BlockSettings settings() {
        return new BlockSettings(issuer, scopes, audience, ttl, variable, tokenFile, revokeOnExit);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        BlockSettings settings = settings();
        try {
            settings.validate();
        } catch (InvalidInputException e) {
            throw new AbortException(e.getMessage());
        }
        return new WithScopedTokenExecution(context, settings);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Extension
    @Symbol("withScopedToken")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "withScopedToken";
        }

        @Override
        public String getDisplayName() {
            return "Bind a just-in-time scoped token, revoked when the block ends";
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FlowNode.class);
        }

        /** The issuer credentials this job's builds could name; see {@link IssuerChoices}. */
        @POST
        public ListBoxModel doFillIssuerItems(@AncestorInPath Item item, @QueryParameter String issuer) {
            return IssuerChoices.of(item, issuer);
        }

        @POST
        public FormValidation doCheckScopes(@AncestorInPath Item item, @QueryParameter String value) {
            return JobFormChecks.check(item, () -> TokenFieldChecks.scopes(value));
        }

        @POST
        public FormValidation doCheckTtl(@AncestorInPath Item item, @QueryParameter String value) {
            return JobFormChecks.check(item, () -> TokenFieldChecks.ttl(value));
        }

        @POST
        public FormValidation doCheckVariable(@AncestorInPath Item item, @QueryParameter String value) {
            return JobFormChecks.check(item, () -> TokenFieldChecks.variable(value));
        }
    }
}
