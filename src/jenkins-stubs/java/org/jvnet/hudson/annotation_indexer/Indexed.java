/*
 * Compile-only stub of org.jenkins-ci:annotation-indexer:1.17
 * src/main/java/org/jvnet/hudson/annotation_indexer/Indexed.java (lib-annotation-indexer, tag annotation-indexer-1.17). Never packaged: Jenkins supplies the real class.
 */
package org.jvnet.hudson.annotation_indexer;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

@Documented
@Retention(RUNTIME)
@Target(ANNOTATION_TYPE)
public @interface Indexed {
    Class<? extends Validator>[] validators() default {};
}
