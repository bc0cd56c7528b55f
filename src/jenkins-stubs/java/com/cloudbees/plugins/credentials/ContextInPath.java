/*
 * Compile-only stub of org.jenkins-ci.plugins:credentials:1415.v831096eb_5534
 * src/main/java/com/cloudbees/plugins/credentials/ContextInPath.java. Never packaged: Jenkins supplies the real class.
 * The real annotation is also meta-annotated @Documented and @InjectedParameter(HandlerImpl.class) and has a
 * nested HandlerImpl; only the annotation's name, retention and target matter to code compiled against it.
 */
package com.cloudbees.plugins.credentials;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface ContextInPath {
}
