package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/** Answers a proxy's 407 once with Basic credentials; a second 407 means they are wrong, so it gives up. */
final class ProxyCredentials implements Authenticator {
    private final ProxySettings proxy;

    ProxyCredentials(ProxySettings proxy) {
        this.proxy = proxy;
    }

    @Override
    public Request authenticate(Route route, Response response) {
        if (response.request().header("Proxy-Authorization") != null) {
            return null;
        }
        String password = proxy.password() == null ? "" : proxy.password().reveal();
        return response.request().newBuilder().header("Proxy-Authorization", Credentials.basic(proxy.username(), password)).build();
    }
}
