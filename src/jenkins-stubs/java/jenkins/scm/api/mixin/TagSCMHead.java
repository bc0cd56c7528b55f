/*
 * Compile-only stub of org.jenkins-ci.plugins:scm-api (jenkinsci/scm-api-plugin)
 * src/main/java/jenkins/scm/api/mixin/TagSCMHead.java. Never packaged: the scm-api plugin supplies the real
 * interface.
 */
package jenkins.scm.api.mixin;

public interface TagSCMHead {
    long getTimestamp();
}
