/** The token issuer SPI; one sub-package per issuer kind. */
package io.jenkins.plugins.scopedtoken.issuer;
