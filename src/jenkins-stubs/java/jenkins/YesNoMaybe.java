/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/jenkins/YesNoMaybe.java. Never packaged.
 */
package jenkins;

public enum YesNoMaybe {
    YES,
    NO,
    MAYBE;
}
