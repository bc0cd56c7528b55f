/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/ModelObject.java. Never packaged: Jenkins supplies the real class.
 */
package hudson.model;

public interface ModelObject {
    String getDisplayName();
}
