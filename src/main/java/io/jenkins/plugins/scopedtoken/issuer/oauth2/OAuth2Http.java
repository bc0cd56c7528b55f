package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import io.jenkins.plugins.scopedtoken.issuer.IssuerConfigurationException;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * The one HTTP client of an issuer configuration: bounded connect/read/call timeouts, redirects never
 * followed (a token POST that is redirected could carry credentials elsewhere), TLS from {@link TlsMaterial},
 * response bodies capped at 1 MiB. Failures become {@link IssuerException}s that name the issuer and the
 * endpoint and are retryable when trying later can help (timeouts, refused connections, 5xx).
 */
final class OAuth2Http implements AutoCloseable {
    static final long MAX_BODY_BYTES = 1024 * 1024;

    private final String issuerId;
    private final OkHttpClient client;

    /** @param proxy where to route requests (Jenkins' proxy settings); null for the JVM's default */
    OAuth2Http(OAuth2IssuerConfig config, ProxySettings proxy) {
        this.issuerId = config.id();
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .connectionPool(new ConnectionPool(4, 5, TimeUnit.MINUTES))
                .socketFactory(new NoDelaySocketFactory())
                .followRedirects(false)
                .followSslRedirects(false)
                // No silent resend: a token POST that reached the server but lost its answer would mint a second
                // token nobody can revoke. Failures surface as retryable errors to the caller instead.
                .retryOnConnectionFailure(false);
        if (proxy != null) {
            b.proxySelector(proxy.selector());
            if (proxy.authenticates()) {
                b.proxyAuthenticator(new ProxyCredentials(proxy));
            }
        }
        TlsMaterial tls = TlsMaterial.forConfig(config);
        if (tls != null) {
            b.sslSocketFactory(tls.socketFactory(), tls.trustManager());
        }
        this.client = b.build();
    }

    /** Sends the request and reads the whole body; {@code endpoint} names it in errors ("the token endpoint"). */
    HttpResult execute(Request request, String endpoint) throws IssuerException {
        Call call = client.newCall(request);
        try (Response response = call.execute()) {
            if (response.isRedirect()) {
                throw new IssuerConfigurationException(where() + "the " + endpoint + " answered with a redirect (HTTP "
                        + response.code() + "), which is not followed; set the endpoint to the final URL.");
            }
            ResponseBody body = response.body();
            String text = body == null ? "" : readBounded(body, endpoint);
            String contentType = body == null || body.contentType() == null ? null : body.contentType().toString();
            return new HttpResult(response.code(), contentType, text, request.method() + " " + withoutQuery(request.url()));
        } catch (IssuerException e) {
            throw e;
        } catch (InterruptedIOException e) {
            throw new IssuerException(where() + "the " + endpoint + " did not answer in time (" + e.getMessage()
                    + "); check that the server is up, or raise the timeouts.", true, e);
        } catch (UnknownHostException e) {
            throw new IssuerException(where() + "the host of the " + endpoint + " is unknown (" + e.getMessage()
                    + "); check the URL and DNS.", true, e);
        } catch (ConnectException e) {
            throw new IssuerException(where() + "could not connect to the " + endpoint + " (" + e.getMessage()
                    + "); check the URL and that the server is up.", true, e);
        } catch (SSLException e) {
            throw new IssuerException(where() + "the TLS handshake with the " + endpoint + " failed ("
                    + e.getMessage() + "); check 'caBundlePem' and the client certificate.", false, e);
        } catch (IOException e) {
            throw new IssuerException(where() + "calling the " + endpoint + " failed (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + "); try again later.", true, e);
        }
    }

    private static String withoutQuery(HttpUrl url) {
        return url.newBuilder().query(null).fragment(null).build().toString();
    }

    private String readBounded(ResponseBody body, String endpoint) throws IOException, IssuerException {
        if (body.contentLength() > MAX_BODY_BYTES) {
            throw tooLarge(endpoint);
        }
        BufferedSource source = body.source();
        if (source.request(MAX_BODY_BYTES + 1)) {
            throw tooLarge(endpoint);
        }
        return source.getBuffer().readString(StandardCharsets.UTF_8);
    }

    private IssuerException tooLarge(String endpoint) {
        return new IssuerException(where() + "the " + endpoint + " answered with a body over 1 MiB; check that the URL points at the OAuth endpoint.", false);
    }

    private String where() {
        return "OAuth2 issuer '" + issuerId + "': ";
    }

    String issuerId() {
        return issuerId;
    }

    @Override
    public void close() {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }
}
