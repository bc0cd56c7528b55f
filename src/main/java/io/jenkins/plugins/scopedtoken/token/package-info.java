/** The vocabulary: requests, scopes, TTLs, leases and token values that are never printed. */
package io.jenkins.plugins.scopedtoken.token;
