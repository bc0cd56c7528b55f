package io.jenkins.plugins.scopedtoken.pipeline;

import hudson.EnvVars;
import io.jenkins.plugins.scopedtoken.admin.SealedToken;
import java.io.Serial;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;

/**
 * Adds the token (and the token file's path) to the environment of the block's steps. It is kept in
 * program.dat, so it holds the token sealed and opens it only while expanding. The token variable is
 * reported as sensitive, so Pipeline warns when a script interpolates it into a Groovy string.
 */
final class TokenEnvironmentExpander extends EnvironmentExpander {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String variable;
    private final SealedToken token;
    private final String fileVariable;
    private final String filePath;

    TokenEnvironmentExpander(String variable, SealedToken token, String fileVariable, String filePath) {
        this.variable = variable;
        this.token = token;
        this.fileVariable = fileVariable;
        this.filePath = filePath;
    }

    @Override
    public void expand(EnvVars env) {
        env.override(variable, token.open());
        if (filePath != null) {
            env.override(fileVariable, filePath);
        }
    }

    @Override
    public Set<String> getSensitiveVariables() {
        return Set.of(variable);
    }
}
