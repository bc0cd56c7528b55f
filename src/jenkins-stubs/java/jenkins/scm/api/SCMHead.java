/*
 * Compile-only stub of org.jenkins-ci.plugins:scm-api (jenkinsci/scm-api-plugin)
 * src/main/java/jenkins/scm/api/SCMHead.java. Never packaged: the scm-api plugin supplies the real class.
 * Only the members the plugin uses (PRONOUN, getPronoun, equals/hashCode (final), toString, getAllActions,
 * getAction omitted; the real class is also @ExportedBean).
 */
package jenkins.scm.api;

import hudson.ExtensionPoint;
import hudson.model.Item;
import jenkins.scm.api.mixin.SCMHeadMixin;

public class SCMHead implements SCMHeadMixin {
    private static final long serialVersionUID = 1L;

    public SCMHead(String name) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public String getName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public SCMHeadOrigin getOrigin() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    @Override
    public int compareTo(SCMHead o) {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public abstract static class HeadByItem implements ExtensionPoint {
        public abstract SCMHead getHead(Item item);

        public static SCMHead findHead(Item item) {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }
}
