/*
 * Compile-only stub of org.jenkins-ci.plugins:credentials:1415.v831096eb_5534
 * src/main/java/com/cloudbees/plugins/credentials/domains/Domain.java. Never packaged: Jenkins supplies the real class.
 * Only the type is used (to list a store's credentials domain by domain).
 */
package com.cloudbees.plugins.credentials.domains;

import java.io.Serializable;

public class Domain implements Serializable {
    private static final long serialVersionUID = 1L;

    private Domain() {
        throw new UnsupportedOperationException("compile-only stub");
    }
}
