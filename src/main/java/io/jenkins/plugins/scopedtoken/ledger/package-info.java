/** The durable lease journal, revocation with retry, and crash recovery. */
package io.jenkins.plugins.scopedtoken.ledger;
