package io.jenkins.plugins.scopedtoken.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.context.ContextLoaderListener;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.springframework.web.filter.DelegatingFilterProxy;

/**
 * A real OAuth 2.0 authorization server (Spring Authorization Server 7, no Spring Boot) on Jetty 12.1 ee11,
 * listening on a random port of 127.0.0.1, for tests and demos. Start one per test class (about 2 s):
 *
 * <pre>{@code
 * static EmbeddedAuthorizationServer server;
 * @BeforeAll static void start() { server = EmbeddedAuthorizationServer.start(); }
 * @AfterAll static void stop() { server.close(); }
 *
 * server.register(EmbeddedAuthorizationServer.client("deployer").secret("s3cret")
 *         .authMethods(AuthMethod.CLIENT_SECRET_BASIC).scopes("deploy", "read").tokenFormat(TokenFormat.OPAQUE));
 * String token = server.issue("deployer", "s3cret", "deploy");      // client_credentials, basic auth
 * server.resourceStatus(token, "deploy");                          // 200; 401 after revocation
 * server.isActive(token);                                           // RFC 7662 introspection
 * }</pre>
 *
 * <h2>Endpoints</h2>
 * {@link #issuerUri()} (e.g. {@code http://127.0.0.1:41234}), {@link #tokenEndpoint()} ({@code /oauth2/token}),
 * {@link #revocationEndpoint()} ({@code /oauth2/revoke}, RFC 7009), {@link #introspectionEndpoint()}
 * ({@code /oauth2/introspect}, RFC 7662), {@link #discoveryUri()} ({@code /.well-known/oauth-authorization-server},
 * RFC 8414) and {@link #openIdDiscoveryUri()} ({@code /.well-known/openid-configuration}). The server answers
 * revocation and introspection for both opaque ({@link TokenFormat#OPAQUE}) and JWT ({@link TokenFormat#JWT})
 * access tokens; a client may only revoke its own tokens (RFC 7009 section 2.1).
 *
 * <h2>Clients</h2>
 * {@link #register(ClientSpec)} adds or replaces a confidential client allowed the {@code client_credentials}
 * grant with the given {@link AuthMethod}s, allowed scopes, token format and access-token lifetime. For
 * {@link AuthMethod#PRIVATE_KEY_JWT} pass the client's public key with {@link ClientSpec#publicKey(JWK)}
 * (RSA for RS256, EC P-256 for ES256); the server fetches it from a JWK Set this fixture serves at
 * {@code /test-jwks/{clientId}}. A client made with {@link ClientSpec#grantsAllScopesWhenNoneRequested} behaves
 * like a Cloud Foundry UAA client: a request without {@code scope} is granted all its scopes. One introspection client is always registered:
 * {@link #introspectionClientId()} / {@link #introspectionClientSecret()} (client_secret_basic).
 *
 * <h2>Protected resource</h2>
 * {@code GET /api/resource/{scope}} with {@code Authorization: Bearer <token>} answers 200 when the token is
 * active and was granted {@code scope}, 403 when it is active without that scope, 401 otherwise (unknown,
 * expired or revoked). It asks the authorization server's own token store, so revocation is seen at once for
 * opaque and JWT tokens alike. {@link #resourceUri(String)} gives the URL, {@link #resourceStatus} calls it.
 *
 * <h2>TLS</h2>
 * {@link #start()} serves plain http on loopback (the code under test allows http only to loopback hosts).
 * {@link #startTls} serves https with a caller-made server key store and asks for client certificates, so
 * clients registered with {@link AuthMethod#TLS_CLIENT_AUTH} and {@link ClientSpec#tlsSubjectDn} authenticate
 * by mutual TLS (RFC 8705). In TLS mode private_key_jwt clients are not supported (the server would fetch
 * their JWK Set from itself over https without trusting the test CA). The client must present its chain
 * including the issuing CA: Spring Authorization Server treats a lone certificate as self_signed_tls_client_auth.
 *
 * <h2>State</h2>
 * Tokens live in memory and are never purged while the server runs. Client secrets are compared as given
 * (Spring's default would re-hash them with BCrypt after first use, costing ~75 ms per token request).
 *
 * <p>{@link EmbeddedAuthorizationServerMain} starts one from the command line.
 */
public final class EmbeddedAuthorizationServer implements AutoCloseable {

    /** Client authentication methods the fixture can register (RFC 6749, RFC 7523). */
    public enum AuthMethod {
        CLIENT_SECRET_BASIC(ClientAuthenticationMethod.CLIENT_SECRET_BASIC),
        CLIENT_SECRET_POST(ClientAuthenticationMethod.CLIENT_SECRET_POST),
        PRIVATE_KEY_JWT(ClientAuthenticationMethod.PRIVATE_KEY_JWT),
        /** RFC 8705 PKI mutual TLS; needs {@link #startTls} and {@link ClientSpec#tlsSubjectDn(String)}. */
        TLS_CLIENT_AUTH(ClientAuthenticationMethod.TLS_CLIENT_AUTH);

        private final ClientAuthenticationMethod spring;

        AuthMethod(ClientAuthenticationMethod spring) {
            this.spring = spring;
        }
    }

    /** Access token format: an opaque reference or a signed JWT. */
    public enum TokenFormat { OPAQUE, JWT }

    private static final String INTROSPECTOR_ID = "fixture-introspector";
    private static final String DEFAULT_SCOPES = "fixture.grants-all-scopes-when-none-requested";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Server jetty;
    private final int port;
    private final MutableClientRepository clients;
    private final OAuth2AuthorizationService authorizations;
    private final Map<String, JWK> clientKeys;
    private final String introspectorSecret = UUID.randomUUID().toString();
    private final String scheme;
    private final HttpClient http;
    private final Faults faults;

    private EmbeddedAuthorizationServer(Server jetty, int port, MutableClientRepository clients,
                                        OAuth2AuthorizationService authorizations, Map<String, JWK> clientKeys,
                                        SSLContext clientTls, Faults faults) {
        this.faults = faults;
        this.jetty = jetty;
        this.port = port;
        this.clients = clients;
        this.authorizations = authorizations;
        this.clientKeys = clientKeys;
        this.scheme = clientTls == null ? "http" : "https";
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (clientTls != null) {
            b.sslContext(clientTls);
        }
        this.http = b.build();
    }

    /**
     * Every access token this server has issued, oldest first, active or not: lets a crash test find the
     * tokens a killed process obtained but never recorded.
     */
    public List<String> issuedAccessTokens() {
        return ((RecordingAuthorizations) authorizations).issued();
    }

    /**
     * Makes introspection answer 403 {@code insufficient_scope} to every client but the fixture's own introspection
     * client, as Cloud Foundry UAA does for a client without {@code uaa.resource}.
     */
    public void denyIntrospection(boolean deny) {
        faults.denyIntrospection = deny;
    }

    /** Makes the next {@code n} revocation requests answer 503 without revoking. */
    public void failRevocations(int n) {
        faults.failRevocations.set(n);
    }

    /**
     * Makes token responses claim {@code extraScope} on top of the granted scopes (null: off), as a server that
     * grants more than was asked would; the token itself is stored as issued and is live until revoked.
     */
    public void claimExtraScope(String extraScope) {
        faults.extraScope = extraScope;
    }

    /** How many revocation requests reached the server (including failed ones). */
    public int revocationRequests() {
        return faults.revocationRequests.get();
    }

    /** Starts a plain-http server on a random free port of 127.0.0.1. */
    public static EmbeddedAuthorizationServer start() {
        return start(null, null, null);
    }

    /**
     * Starts an https server on a random free port of 127.0.0.1 that asks for (but does not require) a
     * client certificate, for {@link AuthMethod#TLS_CLIENT_AUTH}.
     *
     * @param serverKeyStore  holds the server's key and a certificate valid for 127.0.0.1
     * @param keyPassword     the key entry's password
     * @param trustStore      the CAs whose client certificates are accepted; the fixture's own calls
     *                        (introspection, resource) trust the same CAs for the server certificate
     */
    public static EmbeddedAuthorizationServer startTls(KeyStore serverKeyStore, String keyPassword, KeyStore trustStore) {
        return start(serverKeyStore, keyPassword, trustStore);
    }

    private static EmbeddedAuthorizationServer start(KeyStore serverKeyStore, String keyPassword, KeyStore trustStore) {
        MutableClientRepository clients = new MutableClientRepository();
        OAuth2AuthorizationService authorizations = new RecordingAuthorizations(new InMemoryOAuth2AuthorizationService());
        Map<String, JWK> clientKeys = new ConcurrentHashMap<>();

        GenericWebApplicationContext spring = new GenericWebApplicationContext();
        AnnotationConfigUtils.registerAnnotationConfigProcessors(spring);
        spring.registerBean(SecurityConfig.class);
        spring.registerBean(RegisteredClientRepository.class, () -> clients);
        spring.registerBean(OAuth2AuthorizationService.class, () -> authorizations);
        // Plain comparison: the default encoder would upgrade {noop} secrets to BCrypt after the first use,
        // making every later token request cost about 75 ms of hashing.
        spring.registerBean(PasswordEncoder.class, PlainSecretEncoder::new);
        spring.registerBean(AuthorizationServerSettings.class, () -> AuthorizationServerSettings.builder().build());
        JWKSource<SecurityContext> signingKeys = new ImmutableJWKSet<>(new JWKSet(newSigningKey()));
        spring.registerBean("jwkSource", JWKSource.class, () -> signingKeys);
        // OpenID discovery (and its userinfo endpoint) wants a decoder for the server's own tokens.
        spring.registerBean(JwtDecoder.class, () -> OAuth2AuthorizationServerConfiguration.jwtDecoder(signingKeys));

        Server jetty = new Server();
        ServerConnector connector;
        SSLContext clientTls = null;
        if (serverKeyStore == null) {
            connector = new ServerConnector(jetty);
        } else {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStore(serverKeyStore);
            tls.setKeyStorePassword(keyPassword);
            tls.setTrustStore(trustStore);
            tls.setWantClientAuth(true);
            HttpConfiguration config = new HttpConfiguration();
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false);
            config.addCustomizer(secure);
            connector = new ServerConnector(jetty, new SslConnectionFactory(tls, "http/1.1"),
                    new HttpConnectionFactory(config));
            clientTls = trusting(trustStore);
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler("/");
        context.addEventListener(new ContextLoaderListener(spring));
        Faults faults = new Faults();
        // Ahead of Spring Security, so a fault answers before the server does.
        context.addFilter(new FilterHolder(faults), "/oauth2/*", EnumSet.of(DispatcherType.REQUEST));
        FilterHolder security = new FilterHolder(new DelegatingFilterProxy("springSecurityFilterChain", spring));
        for (String path : List.of("/oauth2/*", "/.well-known/*", "/connect/*", "/userinfo")) {
            context.addFilter(security, path, EnumSet.of(DispatcherType.REQUEST));
        }
        context.addServlet(new ServletHolder(new ResourceServlet(authorizations)), "/api/resource/*");
        context.addServlet(new ServletHolder(new ClientJwksServlet(clientKeys)), "/test-jwks/*");
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            throw new IllegalStateException("The embedded authorization server did not start: " + e, e);
        }
        EmbeddedAuthorizationServer server =
                new EmbeddedAuthorizationServer(jetty, connector.getLocalPort(), clients, authorizations, clientKeys, clientTls,
                        faults);
        server.register(client(INTROSPECTOR_ID).secret(server.introspectorSecret)
                .authMethods(AuthMethod.CLIENT_SECRET_BASIC));
        return server;
    }

    private static SSLContext trusting(KeyStore trustStore) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("The fixture's TLS trust store is unusable", e);
        }
    }

    /** Starts building a client registration for {@link #register(ClientSpec)}. */
    public static ClientSpec client(String clientId) {
        return new ClientSpec(clientId);
    }

    /** Adds the client, or replaces the one with the same id. */
    public EmbeddedAuthorizationServer register(ClientSpec spec) {
        RegisteredClient.Builder b = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId(spec.clientId)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(spec.accessTokenTtl)
                        .accessTokenFormat(spec.format == TokenFormat.JWT
                                ? OAuth2TokenFormat.SELF_CONTAINED : OAuth2TokenFormat.REFERENCE)
                        .build());
        if (spec.secret != null) {
            b.clientSecret(spec.secret);
        }
        for (AuthMethod method : spec.methods) {
            b.clientAuthenticationMethod(method.spring);
        }
        b.scopes(s -> s.addAll(spec.scopes));
        ClientSettings.Builder settings = ClientSettings.builder().setting(DEFAULT_SCOPES, spec.defaultScopes);
        if (spec.methods.contains(AuthMethod.PRIVATE_KEY_JWT)) {
            if (spec.publicKey == null) {
                throw new IllegalArgumentException("Client " + spec.clientId + " uses private_key_jwt; give its publicKey.");
            }
            clientKeys.put(spec.clientId, spec.publicKey.toPublicJWK());
            settings.jwkSetUrl(issuerUri() + "/test-jwks/" + URLEncoder.encode(spec.clientId, StandardCharsets.UTF_8));
            settings.tokenEndpointAuthenticationSigningAlgorithm(
                    "EC".equals(spec.publicKey.getKeyType().getValue()) ? SignatureAlgorithm.ES256 : SignatureAlgorithm.RS256);
        }
        if (spec.methods.contains(AuthMethod.TLS_CLIENT_AUTH)) {
            if (spec.tlsSubjectDn == null || !scheme.equals("https")) {
                throw new IllegalArgumentException("Client " + spec.clientId + " uses tls_client_auth; start the server with startTls and give tlsSubjectDn.");
            }
            settings.x509CertificateSubjectDN(spec.tlsSubjectDn);
        }
        b.clientSettings(settings.build());
        clients.save(b.build());
        return this;
    }

    /** Removes a client; its tokens stay in the store but it can no longer authenticate. */
    public void unregister(String clientId) {
        clients.remove(clientId);
        clientKeys.remove(clientId);
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>} ({@code https} after {@link #startTls}), the {@code issuer} of the discovery document. */
    public String issuerUri() {
        return scheme + "://127.0.0.1:" + port;
    }

    public String tokenEndpoint() {
        return issuerUri() + "/oauth2/token";
    }

    public String revocationEndpoint() {
        return issuerUri() + "/oauth2/revoke";
    }

    public String introspectionEndpoint() {
        return issuerUri() + "/oauth2/introspect";
    }

    /** RFC 8414 authorization server metadata. */
    public String discoveryUri() {
        return issuerUri() + "/.well-known/oauth-authorization-server";
    }

    /** OpenID Connect discovery document (same endpoints). */
    public String openIdDiscoveryUri() {
        return issuerUri() + "/.well-known/openid-configuration";
    }

    /** The protected resource that requires {@code scope}. */
    public String resourceUri(String scope) {
        return issuerUri() + "/api/resource/" + URLEncoder.encode(scope, StandardCharsets.UTF_8);
    }

    public String introspectionClientId() {
        return INTROSPECTOR_ID;
    }

    public String introspectionClientSecret() {
        return introspectorSecret;
    }

    /**
     * Issues a token with the client-credentials grant, authenticating with client_secret_basic, so tests
     * can get a token without the code under test. Scopes are space separated; blank asks for none.
     */
    public String issue(String clientId, String secret, String scopes) {
        String form = "grant_type=client_credentials"
                + (scopes == null || scopes.isBlank() ? "" : "&scope=" + URLEncoder.encode(scopes, StandardCharsets.UTF_8));
        JsonNode body = postForm(tokenEndpoint(), clientId, secret, form, 200);
        return body.path("access_token").asText();
    }

    /** RFC 7662: asks the server whether {@code token} is active, as the introspection client. */
    public boolean isActive(String token) {
        return introspect(token).path("active").asBoolean(false);
    }

    /** The full RFC 7662 introspection response for {@code token}. */
    public JsonNode introspect(String token) {
        return postForm(introspectionEndpoint(), INTROSPECTOR_ID, introspectorSecret,
                "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8), 200);
    }

    /** Calls the protected resource with the token and returns the HTTP status (200, 401 or 403). */
    public int resourceStatus(String token, String scope) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(resourceUri(scope)))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("Calling the protected resource failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling the protected resource", e);
        }
    }

    private JsonNode postForm(String url, String clientId, String secret, String form, int expectedStatus) {
        String basic = Base64.getEncoder().encodeToString(
                (urlEncode(clientId) + ":" + urlEncode(secret)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException("POST " + url + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + url + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during POST " + url, e);
        }
    }

    // RFC 6749 section 2.3.1: client id and secret are form-urlencoded before Basic encoding.
    private static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            throw new IllegalStateException("The embedded authorization server did not stop cleanly", e);
        }
    }

    private static RSAKey newSigningKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Faults a test can switch on: refused introspection, failing revocation. */
    private static final class Faults implements jakarta.servlet.Filter {
        volatile boolean denyIntrospection;
        volatile String extraScope;
        final java.util.concurrent.atomic.AtomicInteger failRevocations = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger revocationRequests = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response,
                             jakarta.servlet.FilterChain chain) throws IOException, jakarta.servlet.ServletException {
            HttpServletRequest req = (HttpServletRequest) request;
            HttpServletResponse resp = (HttpServletResponse) response;
            String path = req.getRequestURI();
            if (path.equals("/oauth2/revoke")) {
                revocationRequests.incrementAndGet();
                if (failRevocations.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    answer(resp, 503, "temporarily_unavailable");
                    return;
                }
            }
            if (path.equals("/oauth2/introspect") && denyIntrospection && !isIntrospector(req)) {
                answer(resp, 403, "insufficient_scope");
                return;
            }
            String extra = extraScope;
            if (path.equals("/oauth2/token") && extra != null) {
                org.springframework.web.util.ContentCachingResponseWrapper captured =
                        new org.springframework.web.util.ContentCachingResponseWrapper(resp);
                chain.doFilter(request, captured);
                byte[] body = captured.getContentAsByteArray();
                captured.resetBuffer();
                if (captured.getStatus() == 200) {
                    com.fasterxml.jackson.databind.node.ObjectNode json =
                            (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(body);
                    String granted = json.path("scope").asText("");
                    json.put("scope", (granted + " " + extra).trim());
                    body = JSON.writeValueAsBytes(json);
                }
                resp.setContentLength(body.length);
                resp.getOutputStream().write(body);
                return;
            }
            chain.doFilter(request, response);
        }

        private static boolean isIntrospector(HttpServletRequest req) {
            String auth = req.getHeader("Authorization");
            if (auth == null || !auth.startsWith("Basic ")) {
                return false;
            }
            String decoded = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
            return decoded.startsWith(INTROSPECTOR_ID + ":");
        }

        private static void answer(HttpServletResponse resp, int status, String error) throws IOException {
            resp.setStatus(status);
            resp.setContentType("application/json");
            resp.getWriter().write("{\"error\":\"" + error + "\"}");
        }
    }

    /** A client registration: id, secret or public key, auth methods, allowed scopes, token format and lifetime. */
    public static final class ClientSpec {
        private final String clientId;
        private String secret;
        private JWK publicKey;
        private String tlsSubjectDn;
        private final Set<AuthMethod> methods = new LinkedHashSet<>();
        private final Set<String> scopes = new LinkedHashSet<>();
        private TokenFormat format = TokenFormat.OPAQUE;
        private Duration accessTokenTtl = Duration.ofMinutes(5);
        private boolean defaultScopes;

        private ClientSpec(String clientId) {
            this.clientId = Objects.requireNonNull(clientId, "clientId");
        }

        public ClientSpec secret(String secret) {
            this.secret = secret;
            return this;
        }

        /** The client's public key for private_key_jwt (a private JWK is reduced to its public part). */
        public ClientSpec publicKey(JWK key) {
            this.publicKey = key;
            return this;
        }

        /** The RFC 2253 subject of the client certificate for tls_client_auth, e.g. {@code CN=jenkins-client}. */
        public ClientSpec tlsSubjectDn(String subjectDn) {
            this.tlsSubjectDn = subjectDn;
            return this;
        }

        public ClientSpec authMethods(AuthMethod... methods) {
            this.methods.addAll(List.of(methods));
            return this;
        }

        public ClientSpec scopes(String... scopes) {
            this.scopes.addAll(List.of(scopes));
            return this;
        }

        public ClientSpec tokenFormat(TokenFormat format) {
            this.format = format;
            return this;
        }

        public ClientSpec accessTokenTtl(Duration ttl) {
            this.accessTokenTtl = ttl;
            return this;
        }

        /**
         * A request without {@code scope} gets every scope of the client (as Cloud Foundry UAA grants a
         * client's authorities), instead of none (Spring's rule).
         */
        public ClientSpec grantsAllScopesWhenNoneRequested() {
            this.defaultScopes = true;
            return this;
        }
    }

    /** Spring Security configuration: the authorization server endpoints, nothing else. */
    @Configuration
    @EnableWebSecurity
    static class SecurityConfig {
        @Bean
        SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(as -> as.oidc(Customizer.withDefaults())
                            .tokenEndpoint(token -> token.accessTokenRequestConverter(SecurityConfig::defaultScopes)))
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .csrf(csrf -> csrf.disable());
            return http.build();
        }

        /**
         * For clients registered with {@link ClientSpec#grantsAllScopesWhenNoneRequested}: a client_credentials
         * request without {@code scope} asks for all the client's scopes. Runs after client authentication;
         * returning null leaves the request to Spring's own converters.
         */
        private static Authentication defaultScopes(HttpServletRequest request) {
            if (!AuthorizationGrantType.CLIENT_CREDENTIALS.getValue().equals(request.getParameter("grant_type"))
                    || request.getParameter("scope") != null
                    || !(SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2ClientAuthenticationToken client)
                    || client.getRegisteredClient() == null
                    || !Boolean.TRUE.equals(client.getRegisteredClient().getClientSettings().getSetting(DEFAULT_SCOPES))) {
                return null;
            }
            return new OAuth2ClientCredentialsAuthenticationToken(client, client.getRegisteredClient().getScopes(), Map.of());
        }
    }

    /** Test secrets are stored as given and compared in constant time; never upgraded to a slow hash. */
    private static final class PlainSecretEncoder implements PasswordEncoder {
        @Override
        public String encode(CharSequence raw) {
            return raw.toString();
        }

        @Override
        public boolean matches(CharSequence raw, String stored) {
            return stored != null && java.security.MessageDigest.isEqual(
                    raw.toString().getBytes(StandardCharsets.UTF_8), stored.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Client registrations that tests can add and remove while the server runs. */
    private static final class MutableClientRepository implements RegisteredClientRepository {
        private final Map<String, RegisteredClient> byClientId = new ConcurrentHashMap<>();

        @Override
        public void save(RegisteredClient client) {
            byClientId.put(client.getClientId(), client);
        }

        @Override
        public RegisteredClient findById(String id) {
            for (RegisteredClient client : byClientId.values()) {
                if (client.getId().equals(id)) {
                    return client;
                }
            }
            return null;
        }

        @Override
        public RegisteredClient findByClientId(String clientId) {
            return byClientId.get(clientId);
        }

        void remove(String clientId) {
            byClientId.remove(clientId);
        }
    }

    /** {@code GET /api/resource/{scope}}: 200 for an active token granted that scope, 403 without it, else 401. */
    private static final class ResourceServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient OAuth2AuthorizationService authorizations;

        ResourceServlet(OAuth2AuthorizationService authorizations) {
            this.authorizations = authorizations;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String header = req.getHeader("Authorization");
            String scope = req.getPathInfo() == null ? "" : req.getPathInfo().substring(1);
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                deny(resp, 401, "invalid_token");
                return;
            }
            String token = header.substring(7).trim();
            OAuth2Authorization authorization = authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
            OAuth2Authorization.Token<OAuth2AccessToken> access =
                    authorization == null ? null : authorization.getAccessToken();
            if (access == null || !access.isActive()) {
                deny(resp, 401, "invalid_token");
                return;
            }
            if (!access.getToken().getScopes().contains(scope)) {
                deny(resp, 403, "insufficient_scope");
                return;
            }
            resp.setStatus(200);
            resp.setContentType("application/json");
            resp.getWriter().write("{\"resource\":\"ok\",\"client_id\":\""
                    + authorization.getPrincipalName().replace("\"", "") + "\"}");
        }

        private static void deny(HttpServletResponse resp, int status, String error) throws IOException {
            resp.setStatus(status);
            resp.setHeader("WWW-Authenticate", "Bearer error=\"" + error + "\"");
            resp.setContentType("application/json");
            resp.getWriter().write("{\"error\":\"" + error + "\"}");
        }
    }

    /** Serves each private_key_jwt client's public JWK Set, which the server fetches to check assertions. */
    private static final class ClientJwksServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final transient Map<String, JWK> keys;

        ClientJwksServlet(Map<String, JWK> keys) {
            this.keys = keys;
        }

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String clientId = req.getPathInfo() == null ? "" : java.net.URLDecoder.decode(
                    req.getPathInfo().substring(1), StandardCharsets.UTF_8);
            JWK key = keys.get(clientId);
            if (key == null) {
                resp.sendError(404);
                return;
            }
            resp.setContentType("application/jwk-set+json");
            List<JWK> list = new ArrayList<>();
            list.add(key);
            resp.getWriter().write(new JWKSet(list).toString());
        }
    }

    /** Keeps Spring's store and remembers each access token saved in it. */
    private static final class RecordingAuthorizations implements OAuth2AuthorizationService {
        private final OAuth2AuthorizationService store;
        private final Set<String> issued = java.util.Collections.synchronizedSet(new java.util.LinkedHashSet<>());

        RecordingAuthorizations(OAuth2AuthorizationService store) {
            this.store = store;
        }

        List<String> issued() {
            synchronized (issued) {
                return List.copyOf(issued);
            }
        }

        @Override
        public void save(org.springframework.security.oauth2.server.authorization.OAuth2Authorization authorization) {
            store.save(authorization);
            if (authorization.getAccessToken() != null) {
                issued.add(authorization.getAccessToken().getToken().getTokenValue());
            }
        }

        @Override
        public void remove(org.springframework.security.oauth2.server.authorization.OAuth2Authorization authorization) {
            store.remove(authorization);
        }

        @Override
        public org.springframework.security.oauth2.server.authorization.OAuth2Authorization findById(String id) {
            return store.findById(id);
        }

        @Override
        public org.springframework.security.oauth2.server.authorization.OAuth2Authorization findByToken(String token,
                org.springframework.security.oauth2.server.authorization.OAuth2TokenType tokenType) {
            return store.findByToken(token, tokenType);
        }
    }
}
