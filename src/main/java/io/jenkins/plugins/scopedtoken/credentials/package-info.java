/** Jenkins adapter: issuer credentials and the token-profile credentials provider. */
package io.jenkins.plugins.scopedtoken.credentials;
