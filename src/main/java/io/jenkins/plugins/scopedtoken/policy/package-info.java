/** Administrator rules: which owners may ask which issuer for which scopes and TTLs. */
package io.jenkins.plugins.scopedtoken.policy;
