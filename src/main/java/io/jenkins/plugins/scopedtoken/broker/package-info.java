/** The one place that composes policy, ledger, issuer and audit into a lease. */
package io.jenkins.plugins.scopedtoken.broker;
