/*
 * Compile-only stub of org.jenkins-ci.plugins.workflow:workflow-step-api:710.v3e456cc85233
 * src/main/java/org/jenkinsci/plugins/workflow/steps/BodyInvoker.java. Never packaged: Jenkins supplies the real class.
 */
package org.jenkinsci.plugins.workflow.steps;

import hudson.console.ConsoleLogFilter;

public abstract class BodyInvoker {
    public abstract BodyInvoker withContext(Object override);

    public BodyInvoker withContexts(Object... overrides) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public abstract BodyInvoker withDisplayName(String name);

    public abstract BodyInvoker withCallback(BodyExecutionCallback callback);

    public abstract BodyExecution start();

    public static ConsoleLogFilter mergeConsoleLogFilters(ConsoleLogFilter original, ConsoleLogFilter subsequent) {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
