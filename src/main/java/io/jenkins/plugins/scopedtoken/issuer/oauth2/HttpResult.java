package io.jenkins.plugins.scopedtoken.issuer.oauth2;

/**
 * A response read in full (at most {@link OAuth2Http#MAX_BODY_BYTES}); the body may hold a token, never print it.
 *
 * @param call the method and URL that were called, without the query ("POST https://uaa.example.com/oauth/token"),
 *             for errors that must say where the configuration points; may hold a token id, so mask before printing
 */
record HttpResult(int status, String contentType, String body, String call) {
    boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    boolean isJson() {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("json");
    }

    @Override
    public String toString() {
        return "HttpResult[" + status + ", " + contentType + ", " + body.length() + " chars]";
    }
}
