/*
 * Compile-only stub of org.jvnet.localizer:localizer (bundled in jenkins-core 2.479.3)
 * src/main/java/org/jvnet/localizer/Localizable.java. Never packaged: Jenkins supplies the real class.
 * Only the type is used (the description and title of the stub permission constants, all null here).
 */
package org.jvnet.localizer;

import java.io.Serializable;

public class Localizable implements Serializable {
    private static final long serialVersionUID = 1L;

    private Localizable() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
