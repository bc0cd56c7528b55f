/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/model/ItemGroup.java. Never packaged: Jenkins supplies the real class.
 * Only the type is used (a parameter of CredentialsProvider.lookupCredentialsInItemGroup); members omitted.
 */
package hudson.model;

public interface ItemGroup<T extends Item> {
}
