/** Jenkins adapter: the withScopedToken Pipeline step. */
package io.jenkins.plugins.scopedtoken.pipeline;
