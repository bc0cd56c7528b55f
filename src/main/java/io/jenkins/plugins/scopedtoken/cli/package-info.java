/**
 * The command-line face of the engine ({@code java -jar scoped-token-cli.jar}, see docs/cli.md).
 * {@link io.jenkins.plugins.scopedtoken.cli.ScopedTokenCli} parses the command line and maps failures to
 * exit codes; {@link io.jenkins.plugins.scopedtoken.cli.ExecSession} runs one command with a lease's token,
 * masked output and revocation on exit. The configuration file, the lease journal and the audit trail of a
 * state folder are package-private details.
 */
package io.jenkins.plugins.scopedtoken.cli;
