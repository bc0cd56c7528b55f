/** The command-line face of the engine. */
package io.jenkins.plugins.scopedtoken.cli;
