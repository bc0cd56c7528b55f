/*
 * Compile-only stub of org.jenkins-ci.plugins:scm-api (jenkinsci/scm-api-plugin)
 * src/main/java/jenkins/scm/api/SCMHeadOrigin.java (since scm-api 2.2.0). Never packaged: the scm-api plugin
 * supplies the real class. DEFAULT is a placeholder instance; the real one comes with the plugin.
 */
package jenkins.scm.api;

import java.io.Serializable;

public abstract class SCMHeadOrigin implements Serializable {
    public static final SCMHeadOrigin.Default DEFAULT = new SCMHeadOrigin.Default();

    private static final long serialVersionUID = 1L;

    @Override
    public abstract boolean equals(Object o);

    @Override
    public abstract int hashCode();

    @Override
    public abstract String toString();

    public static final class Default extends SCMHeadOrigin {
        private static final long serialVersionUID = 1L;

        private Default() {
        }

        @Override
        public boolean equals(Object o) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        @Override
        public int hashCode() {
            throw new UnsupportedOperationException("compile-only stub");
        }

        @Override
        public String toString() {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }

    public static class Fork extends SCMHeadOrigin {
        private static final long serialVersionUID = 1L;

        public Fork(String name) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        public String getName() {
            throw new UnsupportedOperationException("compile-only stub");
        }

        @Override
        public boolean equals(Object o) {
            throw new UnsupportedOperationException("compile-only stub");
        }

        @Override
        public int hashCode() {
            throw new UnsupportedOperationException("compile-only stub");
        }

        @Override
        public String toString() {
            throw new UnsupportedOperationException("compile-only stub");
        }
    }
}
