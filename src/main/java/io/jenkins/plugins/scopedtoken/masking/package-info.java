/** Streaming multi-secret masking of console output. */
package io.jenkins.plugins.scopedtoken.masking;
