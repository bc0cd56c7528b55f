package io.jenkins.plugins.scopedtoken.pipeline;

import io.jenkins.plugins.scopedtoken.token.EnvironmentVariableName;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The step's arguments as the execution keeps them in program.dat: plain strings, validated once by
 * {@link #validate()} before anything is issued. A plain class rather than a record, so Pipeline's
 * marshaller treats it like every other serializable object.
 */
final class BlockSettings implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String issuer;
    private final ArrayList<String> scopes;
    private final String audience;
    private final String ttl;
    private final String variable;
    private final boolean tokenFile;
    private final boolean revokeOnExit;

    BlockSettings(String issuer, List<String> scopes, String audience, String ttl, String variable, boolean tokenFile, boolean revokeOnExit) {
        this.issuer = issuer;
        this.scopes = scopes == null ? new ArrayList<>() : new ArrayList<>(scopes);
        this.audience = audience;
        this.ttl = ttl;
        this.variable = variable;
        this.tokenFile = tokenFile;
        this.revokeOnExit = revokeOnExit;
    }

    String issuer() {
        return issuer;
    }

    String audience() {
        return audience;
    }

    boolean tokenFile() {
        return tokenFile;
    }

    boolean revokeOnExit() {
        return revokeOnExit;
    }

    /** Parses everything; throws {@link io.jenkins.plugins.scopedtoken.token.InvalidInputException} naming the bad field. */
    void validate() {
        parsedScopes();
        parsedTtl();
        parsedVariable();
    }

    Scopes parsedScopes() {
        return Scopes.of(scopes);
    }

    Ttl parsedTtl() {
        return Ttl.parse(ttl);
    }

    EnvironmentVariableName parsedVariable() {
        return EnvironmentVariableName.parse(variable);
    }

    /** The variable holding the token file's path when {@link #tokenFile} is set. */
    String fileVariable() {
        return parsedVariable().value() + "_FILE";
    }
}
