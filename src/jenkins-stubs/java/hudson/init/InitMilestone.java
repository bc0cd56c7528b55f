/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/init/InitMilestone.java. Never packaged: Jenkins supplies the real class.
 * The real enum implements org.jvnet.hudson.reactor.Milestone (task-reactor, not on Maven Central) and
 * carries a display text per constant; both omitted.
 */
package hudson.init;

public enum InitMilestone {
    STARTED,
    PLUGINS_LISTED,
    PLUGINS_PREPARED,
    PLUGINS_STARTED,
    EXTENSIONS_AUGMENTED,
    SYSTEM_CONFIG_LOADED,
    SYSTEM_CONFIG_ADAPTED,
    JOB_LOADED,
    JOB_CONFIG_ADAPTED,
    COMPLETED;
}
