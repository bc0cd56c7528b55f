package io.jenkins.plugins.scopedtoken.issuer.oauth2;

/** Which form parameter carries a request's audience. */
public enum AudienceParameter {
    /** RFC 8707 {@code resource}: the value must be an absolute URI. */
    RESOURCE("resource"),
    /** The non-standard {@code audience} parameter some servers (e.g. Auth0) use instead. */
    AUDIENCE("audience");

    private final String formName;

    AudienceParameter(String formName) {
        this.formName = formName;
    }

    public String formName() {
        return formName;
    }
}
