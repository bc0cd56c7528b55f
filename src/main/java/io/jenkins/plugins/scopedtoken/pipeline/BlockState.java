package io.jenkins.plugins.scopedtoken.pipeline;

import hudson.FilePath;
import java.io.Serial;
import java.io.Serializable;

/**
 * What the end of a block needs, kept in program.dat: the lease id (the broker revokes by id, so this
 * works after a controller restart) and where the token file is. Never the token.
 *
 * @param leaseId      the broker's lease id
 * @param issuer       the issuer's credentials id, for messages
 * @param tokenFile    the token file on the agent, or null
 * @param revokeOnExit whether the block end revokes (otherwise the build end does)
 */
record BlockState(String leaseId, String issuer, FilePath tokenFile, boolean revokeOnExit) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
}
