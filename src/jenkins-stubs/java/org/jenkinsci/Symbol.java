/*
 * Compile-only stub of org.jenkins-ci:symbol-annotation:1.24
 * src/main/java/org/jenkinsci/Symbol.java (lib-symbol-annotation, tag symbol-annotation-1.24). Never packaged: Jenkins supplies the real class.
 * Carries the real @Indexed so the annotation-indexer processor indexes it in the real-Jenkins build.
 */
package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jvnet.hudson.annotation_indexer.Indexed;

@Indexed
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
