/*
 * Compile-only stub of org.jenkins-ci:annotation-indexer:1.17
 * src/main/java/org/jvnet/hudson/annotation_indexer/Validator.java (lib-annotation-indexer, tag annotation-indexer-1.17). Never packaged: Jenkins supplies the real class.
 */
package org.jvnet.hudson.annotation_indexer;

import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;

public interface Validator {
    void check(Element use, RoundEnvironment e, ProcessingEnvironment env);
}
