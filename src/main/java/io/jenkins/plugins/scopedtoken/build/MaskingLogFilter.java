package io.jenkins.plugins.scopedtoken.build;

import hudson.AbortException;
import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import io.jenkins.plugins.scopedtoken.admin.SealedToken;
import io.jenkins.plugins.scopedtoken.masking.MaskingOptions;
import io.jenkins.plugins.scopedtoken.masking.MaskingOutputStream;
import io.jenkins.plugins.scopedtoken.masking.SecretMatcher;
import java.io.OutputStream;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;

/**
 * Masks a token in the log of a block (Pipeline) or a build (freestyle wrapper). It is serialized with
 * the Pipeline program, so it holds the token sealed, never in clear, and opens it each time a log
 * stream is decorated, including after a controller restart.
 */
public final class MaskingLogFilter extends ConsoleLogFilter implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final SealedToken token;

    public MaskingLogFilter(SealedToken token) {
        this.token = token;
    }

    /**
     * Fails before {@code token} is bound when the log could not mask it (too short, or holding an ESC),
     * so that no token reaches a log unmasked in silence. The sentence names the variable, never the value.
     */
    public static void requireMaskable(String token, String issuer, String variable) throws AbortException {
        String reason = SecretMatcher.whyUnmaskable(token, MaskingOptions.defaults());
        if (reason != null) {
            throw new AbortException("The token from issuer '" + issuer + "' for $" + variable + " cannot be masked in the build log because "
                    + reason + ", so it was not bound and the steps did not run; check the tokens this issuer returns.");
        }
    }

    /** Pipeline calls this with a null build (through the AbstractBuild overload); neither case needs it. */
    @Override
    @SuppressWarnings("rawtypes")
    public OutputStream decorateLogger(Run build, OutputStream logger) {
        return new MaskingOutputStream(logger, List.of(token.open()));
    }
}
