/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/util/ListBoxModel.java. Never packaged: Jenkins supplies the real class.
 * The real class also implements org.kohsuke.stapler.HttpResponse (omitted for the reason given in the
 * FormValidation stub) and has more constructors and methods. The no-argument constructor, add(String, String)
 * and the Option constructor work as the real ones do, so a unit test can read what a doFill method lists.
 */
package hudson.util;

import java.util.ArrayList;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    public ListBoxModel() {
    }

    /** Returns void in the real class too (unlike add(String), which returns the model). */
    public void add(String displayName, String value) {
        add(new Option(displayName, value));
    }

    public static final class Option {
        public String name;

        public String value;

        public boolean selected;

        public Option(String name, String value) {
            this.name = name;
            this.value = value;
        }
    }
}
