/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/jenkins/model/GlobalConfiguration.java. Never packaged.
 * The deprecated javax configure(StaplerRequest, JSONObject) twin is omitted: the plugin neither calls nor
 * overrides it, and Jenkins calls the StaplerRequest2 overload.
 */
package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest2;

public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration>
        implements ExtensionPoint, Describable<GlobalConfiguration> {
    /** Empty, like the Descriptor stub's constructors, so configurations can be built in unit tests. */
    protected GlobalConfiguration() {
    }

    @Override
    public final Descriptor<GlobalConfiguration> getDescriptor() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    /**
     * Works as the real one does, so unit tests see its behaviour: it only binds the form ({@code bindJSON}
     * sets only the properties present in the form) and does not save; Jenkins' own configuration submit
     * saves Jenkins, not this descriptor.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        req.bindJSON(this, json);
        return true;
    }
}
