/*
 * Compile-only stub of org.jenkins-ci.plugins:scm-api (jenkinsci/scm-api-plugin)
 * src/main/java/jenkins/scm/api/mixin/ChangeRequestSCMHead.java. Never packaged: the scm-api plugin supplies
 * the real interface. Only the members the plugin uses (default methods getCheckoutStrategy, getOriginName,
 * getTitle omitted).
 */
package jenkins.scm.api.mixin;

import jenkins.scm.api.SCMHead;

public interface ChangeRequestSCMHead extends SCMHeadMixin {
    String getId();

    SCMHead getTarget();
}
