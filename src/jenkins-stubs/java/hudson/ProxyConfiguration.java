/*
 * Compile-only stub of org.jenkins-ci.main:jenkins-core:2.479.3
 * core/src/main/java/hudson/ProxyConfiguration.java. Never packaged: Jenkins supplies the real class.
 * Only the getters the plugin reads; the real class also extends AbstractDescribableImpl<ProxyConfiguration>
 * and implements Saveable and Serializable (omitted: unused here).
 */
package hudson;

import hudson.util.Secret;
import java.util.List;
import java.util.regex.Pattern;

public final class ProxyConfiguration {
    private ProxyConfiguration() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public int getPort() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public String getUserName() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public Secret getSecretPassword() {
        throw new UnsupportedOperationException("compile-only stub");
    }

    public List<Pattern> getNoProxyHostPatterns() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
