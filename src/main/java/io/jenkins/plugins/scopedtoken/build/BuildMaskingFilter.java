package io.jenkins.plugins.scopedtoken.build;

import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import java.io.OutputStream;
import java.io.Serial;
import java.io.Serializable;

/** The log filter of {@link ScopedTokenBuildWrapper}: masks whatever tokens the wrapper issues for this build. */
final class BuildMaskingFilter extends ConsoleLogFilter implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String runId;

    BuildMaskingFilter(String runId) {
        this.runId = runId;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public OutputStream decorateLogger(Run build, OutputStream logger) {
        return BuildMasks.decorate(runId, logger);
    }
}
