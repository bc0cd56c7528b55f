/*
 * Compile-only stub of org.jenkins-ci.plugins.workflow:workflow-step-api:710.v3e456cc85233
 * src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java. Never packaged: Jenkins supplies the real class.
 * The constructor is empty so plugin executions can be built in unit tests; the real one records the
 * context that getContext() returns.
 */
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    protected StepExecution(StepContext context) {
    }

    public StepContext getContext() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public void onResume() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
