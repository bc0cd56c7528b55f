package io.jenkins.plugins.scopedtoken.issuer.oauth2.bench;

import io.jenkins.plugins.scopedtoken.issuer.IssuedToken;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2IssuerConfig;
import io.jenkins.plugins.scopedtoken.issuer.oauth2.OAuth2TokenIssuer;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.AuthMethod;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.TokenFormat;
import io.jenkins.plugins.scopedtoken.token.LeaseOwner;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.Ttl;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue latency of {@link OAuth2TokenIssuer#issue} against a bare OkHttp POST of the same client-credentials
 * form (same Basic header, same timeouts, no redirects, connection reuse) to the same loopback server, in
 * the same run. {@code server=spring}: the embedded Spring Authorization Server (opaque tokens), where server
 * work dominates; {@code server=scripted}: a MockWebServer answering a fixed token response, which isolates
 * the client-side overhead (parsing, checks, handle).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class OAuth2IssueBenchmark {
    private static final String CLIENT = "bench-client";
    private static final String SECRET = "bench-secret";

    @Param({"scripted", "spring"})
    public String server;

    private EmbeddedAuthorizationServer spring;
    private MockWebServer scripted;
    private OAuth2TokenIssuer issuer;
    private OkHttpClient bare;
    private String tokenEndpoint;
    private TokenRequest request;
    private String basic;

    @Setup(Level.Trial)
    public void start() throws IOException {
        if (server.equals("spring")) {
            spring = EmbeddedAuthorizationServer.start();
            spring.register(EmbeddedAuthorizationServer.client(CLIENT).secret(SECRET)
                    .authMethods(AuthMethod.CLIENT_SECRET_BASIC).scopes("deploy").tokenFormat(TokenFormat.OPAQUE));
            tokenEndpoint = spring.tokenEndpoint();
        } else {
            scripted = new MockWebServer();
            // Without TCP_NODELAY on the server side, MockWebServer's separate header and body writes wait
            // for the client's delayed ACK (about 40 ms), which would swamp what is measured.
            scripted.setServerSocketFactory(new ServerSocketFactory() {
                @Override
                public ServerSocket createServerSocket() throws IOException {
                    return new NoDelayServerSocket();
                }

                @Override
                public ServerSocket createServerSocket(int port) throws IOException {
                    throw new UnsupportedOperationException();
                }

                @Override
                public ServerSocket createServerSocket(int port, int backlog) throws IOException {
                    throw new UnsupportedOperationException();
                }

                @Override
                public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
                    throw new UnsupportedOperationException();
                }
            });
            scripted.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest r) {
                    return new MockResponse().setHeader("Content-Type", "application/json;charset=UTF-8")
                            .setBody("{\"access_token\":\"aW52YWxpZC1idXQtbG9uZy1lbm91Z2gtdG9rZW4tdmFsdWU\","
                                    + "\"token_type\":\"Bearer\",\"expires_in\":299,\"scope\":\"deploy\"}");
                }
            });
            scripted.start(InetAddress.getByName("127.0.0.1"), 0);
            tokenEndpoint = scripted.url("/oauth2/token").toString();
        }
        OAuth2IssuerConfig config = OAuth2IssuerConfig.builder("bench").clientId(CLIENT).clientSecret(SECRET)
                .tokenEndpoint(tokenEndpoint).build();
        issuer = new OAuth2TokenIssuer(config);
        request = new TokenRequest("bench", Scopes.of("deploy"), null, Ttl.parse("10m"), LeaseOwner.of("bench", 1));
        bare = new OkHttpClient.Builder()
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(config.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .connectionPool(new ConnectionPool(4, 5, TimeUnit.MINUTES))
                .socketFactory(new NoDelay())
                .followRedirects(false).followSslRedirects(false).retryOnConnectionFailure(false).build();
        basic = "Basic " + Base64.getEncoder().encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    }

    /** The same socket setting the issuer uses (TCP_NODELAY), so the baseline differs only in what issue() adds. */
    static final class NoDelay extends SocketFactory {
        private final SocketFactory d = SocketFactory.getDefault();

        @Override
        public Socket createSocket() throws IOException {
            Socket s = d.createSocket();
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            throw new UnsupportedOperationException("OkHttp connects unconnected sockets");
        }
    }

    static final class NoDelayServerSocket extends ServerSocket {
        NoDelayServerSocket() throws IOException {
            super();
        }

        @Override
        public Socket accept() throws IOException {
            Socket s = super.accept();
            s.setTcpNoDelay(true);
            return s;
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        issuer.close();
        bare.dispatcher().executorService().shutdown();
        bare.connectionPool().evictAll();
        if (spring != null) {
            spring.close();
        }
        if (scripted != null) {
            scripted.shutdown();
        }
    }

    @Benchmark
    public IssuedToken issuer() {
        return issuer.issue(request);
    }

    @Benchmark
    public String bareOkHttp() throws IOException {
        Request post = new Request.Builder().url(tokenEndpoint).header("Accept", "application/json").header("Authorization", basic)
                .post(new FormBody.Builder().add("grant_type", "client_credentials").add("scope", "deploy").build()).build();
        try (Response response = bare.newCall(post).execute()) {
            if (response.code() != 200) {
                throw new IOException("HTTP " + response.code());
            }
            return response.body().string();
        }
    }

}
