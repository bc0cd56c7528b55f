/*
 * Compile-only stub of org.jenkins-ci.plugins:scm-api (jenkinsci/scm-api-plugin)
 * src/main/java/jenkins/scm/api/mixin/SCMHeadMixin.java. Never packaged: the scm-api plugin supplies the real
 * interface. Only the members the plugin uses (the nested Equality interface is omitted).
 */
package jenkins.scm.api.mixin;

import java.io.Serializable;
import jenkins.scm.api.SCMHead;
import jenkins.scm.api.SCMHeadOrigin;

public interface SCMHeadMixin extends Comparable<SCMHead>, Serializable {
    String getName();

    SCMHeadOrigin getOrigin();
}
