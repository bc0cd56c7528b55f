/** Jenkins adapter: post-build revocation, the lease table action, the freestyle wrapper. */
package io.jenkins.plugins.scopedtoken.build;
