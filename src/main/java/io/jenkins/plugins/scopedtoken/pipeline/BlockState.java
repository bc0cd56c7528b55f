package io.jenkins.plugins.scopedtoken.pipeline;

import hudson.FilePath;
import java.io.Serial;
import java.io.Serializable;

/**
 * What the end of a block needs, kept in program.dat: the lease id (the broker revokes by id, so this
 * works after a controller restart) and where the token file is. Never the token. A plain class rather
 * than a record, so Pipeline's marshaller treats it like every other serializable object.
 */
final class BlockState implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String leaseId;
    private final String issuer;
    private final FilePath tokenFile;
    private final boolean revokeOnExit;

    /**
     * @param leaseId      the broker's lease id
     * @param issuer       the issuer's credentials id, for messages
     * @param tokenFile    the token file on the agent, or null
     * @param revokeOnExit whether the block end revokes (otherwise the build end does)
     */
    BlockState(String leaseId, String issuer, FilePath tokenFile, boolean revokeOnExit) {
        this.leaseId = leaseId;
        this.issuer = issuer;
        this.tokenFile = tokenFile;
        this.revokeOnExit = revokeOnExit;
    }

    String leaseId() {
        return leaseId;
    }

    String issuer() {
        return issuer;
    }

    FilePath tokenFile() {
        return tokenFile;
    }

    boolean revokeOnExit() {
        return revokeOnExit;
    }

    @Override
    public String toString() {
        return "BlockState[lease " + leaseId + ", issuer " + issuer + "]";
    }
}
