/*
 * Compile-only stub of org.jenkins-ci.plugins.workflow:workflow-step-api:710.v3e456cc85233
 * src/main/java/org/jenkinsci/plugins/workflow/steps/StepDescriptor.java. Never packaged: Jenkins supplies the real class.
 */
package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

public abstract class StepDescriptor extends Descriptor<Step> {
    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
