package io.jenkins.plugins.scopedtoken.build;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.console.ConsoleLogFilter;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildWrapperDescriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.scopedtoken.admin.ScopedTokenRuntime;
import io.jenkins.plugins.scopedtoken.credentials.IssuerChoices;
import io.jenkins.plugins.scopedtoken.credentials.IssuerCredentials;
import io.jenkins.plugins.scopedtoken.credentials.IssuerCredentialsLookup;
import io.jenkins.plugins.scopedtoken.token.EnvironmentVariableName;
import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import io.jenkins.plugins.scopedtoken.token.Lease;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.ScopedTokenException;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenFieldChecks;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.io.IOException;
import java.io.Serial;
import java.util.Set;
import jenkins.tasks.SimpleBuildWrapper;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The freestyle face of {@code withScopedToken}: the same options, a token for the whole build step
 * sequence, masked in the build log, revoked in the wrapper's disposer (and by the post-build listener if
 * the disposer never ran). Freestyle only: Pipeline's {@code wrap(...)} keeps a wrapper's environment in
 * its serialized program state, where the token would be stored in clear.
 */
public final class ScopedTokenBuildWrapper extends SimpleBuildWrapper {
    private final String issuer;
    private String scopes;
    private String audience;
    private String ttl;
    private String variable = EnvironmentVariableName.DEFAULT.value();
    private boolean tokenFile;
    private boolean revokeOnExit = true;

    @DataBoundConstructor
    public ScopedTokenBuildWrapper(String issuer) {
        this.issuer = issuer == null ? null : issuer.trim();
    }

    public String getIssuer() {
        return issuer;
    }

    public String getScopes() {
        return scopes;
    }

    /** Space-separated scopes. */
    @DataBoundSetter
    public void setScopes(String scopes) {
        this.scopes = blankToNull(scopes);
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

    @Override
    public ConsoleLogFilter createLoggerDecorator(Run<?, ?> build) {
        return new BuildMaskingFilter(build.getExternalizableId());
    }

    /** The token variables, so plugins that record build variables (EnvInject and the like) treat them as secret. */
    @Override
    public void makeSensitiveBuildVariables(AbstractBuild build, Set<String> sensitiveVariables) {
        String name = variable == null ? EnvironmentVariableName.DEFAULT.value() : variable;
        sensitiveVariables.add(name);
        if (tokenFile) {
            sensitiveVariables.add(name + "_FILE");
        }
    }

    @Override
    public void setUp(Context context, Run<?, ?> build, FilePath workspace, Launcher launcher, TaskListener listener,
                      EnvVars initialEnvironment) throws IOException, InterruptedException {
        if (!(build instanceof AbstractBuild)) {
            // Freestyle builds are AbstractBuilds; a Pipeline runs wrappers through wrap(...), whose
            // CoreWrapperStep serializes Context.env into program.dat.
            throw new AbortException("The scoped token build wrapper cannot run inside a Pipeline, where wrap(...) would store"
                    + " the token in clear in the build's program.dat; use withScopedToken(issuer: '" + issuer + "') { ... } instead.");
        }
        ScopedTokenRuntime runtime = ScopedTokenRuntime.get();
        TokenRequest request;
        EnvironmentVariableName name;
        IssuerCredentials credentials = IssuerCredentialsLookup.inRun(issuer, build);
        try {
            name = EnvironmentVariableName.parse(variable);
            String node = initialEnvironment == null ? null : initialEnvironment.get("NODE_NAME");
            LeaseOwner owner = RunOwner.of(build).onNode(node == null || node.isBlank() ? null : node);
            request = new TokenRequest(runtime.issuers().register(credentials), Scopes.parse(scopes), audience, Ttl.parse(ttl), owner);
        } catch (InvalidInputException e) {
            throw new AbortException(e.getMessage());
        }
        ScopedTokenRunAction.attachTo(build);
        Lease lease;
        try {
            lease = runtime.broker().open(request);
        } catch (ScopedTokenException e) {
            throw new AbortException(e.getMessage());
        }
        try {
            String token = lease.token().reveal();
            MaskingLogFilter.requireMaskable(token, credentials.getId(), name.value());
            BuildMasks.add(build.getExternalizableId(), token);
            FilePath file = tokenFile ? TokenFiles.write(workspace, token) : null;
            context.env(name.value(), token);
            if (file != null) {
                context.env(name.value() + "_FILE", file.getRemote());
            }
            context.setDisposer(new RevokeDisposer(lease.id(), credentials.getId(), file, revokeOnExit));
            listener.getLogger().println(TokenAnnouncement.of(credentials.getId(), request, lease, name,
                    file == null ? null : name.value() + "_FILE", revokeOnExit, "the build steps end"));
            lease.warnings().forEach(listener.getLogger()::println);
        } catch (IOException | InterruptedException | RuntimeException e) {
            runtime.broker().close(lease.id());
            throw e;
        } catch (Exception e) {
            runtime.broker().close(lease.id());
            throw new IOException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Revokes at the end of the wrapped steps; serializable, holding the lease id and file, never the token. */
    static final class RevokeDisposer extends Disposer {
        @Serial
        private static final long serialVersionUID = 1L;

        private final String leaseId;
        private final String issuer;
        private final FilePath tokenFile;
        private final boolean revokeOnExit;

        RevokeDisposer(String leaseId, String issuer, FilePath tokenFile, boolean revokeOnExit) {
            this.leaseId = leaseId;
            this.issuer = issuer;
            this.tokenFile = tokenFile;
            this.revokeOnExit = revokeOnExit;
        }

        String leaseId() {
            return leaseId;
        }

        @Override
        public void tearDown(Run<?, ?> build, FilePath workspace, Launcher launcher, TaskListener listener) throws IOException, InterruptedException {
            new LeaseCloser(ScopedTokenRuntime.get()).finish(leaseId, issuer, tokenFile, revokeOnExit, build, listener.getLogger());
        }
    }

    @Extension
    @Symbol("scopedToken")
    public static final class DescriptorImpl extends BuildWrapperDescriptor {
        @Override
        public boolean isApplicable(AbstractProject<?, ?> item) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return "Bind a just-in-time scoped token, revoked when the build steps end";
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
