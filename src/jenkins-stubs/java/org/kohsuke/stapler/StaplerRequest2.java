/*
 * Compile-only stub of org.kohsuke.stapler:stapler:1903.1905.ve5a_f469356f0 (bundled in jenkins-core 2.479.3)
 * core/src/main/java/org/kohsuke/stapler/StaplerRequest2.java. Never packaged.
 * Only the member the plugin calls; the real interface has many more.
 */
package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;
import net.sf.json.JSONObject;

public interface StaplerRequest2 extends HttpServletRequest {
    void bindJSON(Object bean, JSONObject src);
}
