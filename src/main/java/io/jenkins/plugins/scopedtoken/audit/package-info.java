/** The append-only, hash-chained audit trail. */
package io.jenkins.plugins.scopedtoken.audit;
