/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/util/ListBoxModel.java. Never packaged: Jenkins supplies the real class.
 * The real class also implements org.kohsuke.stapler.HttpResponse (omitted for the reason given in the
 * FormValidation stub) and has more constructors and methods; only the type and the no-argument
 * constructor are used here. The constructor is empty so subclasses can be built in unit tests.
 */
package hudson.util;

import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    public ListBoxModel() {
    }

    public static final class Option {
        private Option() {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }
}
