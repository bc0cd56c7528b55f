/*
 * Compile-only stub of org.kohsuke.stapler:json-lib:2.4-jenkins-8 (bundled in jenkins-core 2.479.3)
 * src/main/java/net/sf/json/JSONObject.java. Never packaged.
 * The plugin only passes it through; the real final class extends AbstractJSON and implements JSON,
 * Map and Comparable, which are omitted because nothing here converts to them.
 */
package net.sf.json;

public final class JSONObject {
    private JSONObject() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
