/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/Item.java. Never packaged: Jenkins supplies the real class.
 * Only the type is used (as the bound of ItemGroup); its members are omitted.
 */
package hudson.model;

public interface Item {
}
