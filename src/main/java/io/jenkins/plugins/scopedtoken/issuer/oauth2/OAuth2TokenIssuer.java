package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import io.jenkins.plugins.scopedtoken.issuer.IssuedToken;
import io.jenkins.plugins.scopedtoken.issuer.IssuerCapabilities;
import io.jenkins.plugins.scopedtoken.issuer.IssuerException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationHandle;
import io.jenkins.plugins.scopedtoken.issuer.RefusedTokenException;
import io.jenkins.plugins.scopedtoken.issuer.RevocationOutcome;
import io.jenkins.plugins.scopedtoken.issuer.RevocationResult;
import io.jenkins.plugins.scopedtoken.issuer.TokenIssuer;
import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import io.jenkins.plugins.scopedtoken.token.Scopes;
import io.jenkins.plugins.scopedtoken.token.TokenRequest;
import io.jenkins.plugins.scopedtoken.token.TokenValue;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.FormBody;
import okhttp3.Request;

/**
 * An OAuth 2.0 client-credentials issuer (RFC 6749 section 4.4) with RFC 7009 revocation, RFC 7662
 * introspection, RFC 8707 resource indicators, RFC 8414 / OpenID discovery, and a Cloud Foundry UAA preset.
 * One instance per {@link OAuth2IssuerConfig}; thread-safe; one OkHttp client whose connections are reused.
 *
 * <p>Least privilege is enforced: a token whose granted scopes differ from the requested ones is revoked and
 * the call fails (a scopeless connection probe excepted, see {@link TokenRequest#probe}). A missing {@code scope} in the response means granted = requested (RFC 6749 section 5.1).
 * {@link IssuedToken#expiresAt()} is the server's expiry; when discovery is configured, {@link #capabilities()}
 * assumes the server publishes revocation and introspection endpoints until discovery says otherwise.
 */
public final class OAuth2TokenIssuer implements TokenIssuer {
    private static final Logger LOG = Logger.getLogger(OAuth2TokenIssuer.class.getName());

    private final OAuth2IssuerConfig config;
    private final OAuth2Http http;
    private final ClientAuthenticator authenticator;
    private final EndpointResolver endpoints;
    private final Rfc7009Revocation rfc7009;
    private final UaaRevocation uaa;
    private final Introspection introspection;
    private final Clock clock;
    private final AtomicBoolean warnedAboutVerification = new AtomicBoolean();
    private volatile String verificationRefused;

    /** An issuer that connects directly (the JVM's default proxy selector applies). */
    public OAuth2TokenIssuer(OAuth2IssuerConfig config) {
        this(config, (ProxySettings) null, Clock.systemUTC());
    }

    /** An issuer whose requests are routed by {@code proxySelector}, e.g. one built from Jenkins' proxy settings. */
    public OAuth2TokenIssuer(OAuth2IssuerConfig config, ProxySelector proxySelector) {
        this(config, proxySelector == null ? null : ProxySettings.of(proxySelector), Clock.systemUTC());
    }

    /** An issuer whose requests go through {@code proxy} (selector and proxy credentials); null for the JVM's default. */
    public OAuth2TokenIssuer(OAuth2IssuerConfig config, ProxySettings proxy) {
        this(config, proxy, Clock.systemUTC());
    }

    OAuth2TokenIssuer(OAuth2IssuerConfig config, Clock clock) {
        this(config, (ProxySettings) null, clock);
    }

    private OAuth2TokenIssuer(OAuth2IssuerConfig config, ProxySettings proxy, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = new OAuth2Http(config, proxy);
        this.authenticator = new ClientAuthenticator(config, clock);
        this.endpoints = new EndpointResolver(config, http);
        this.rfc7009 = new Rfc7009Revocation(config.id(), http, authenticator);
        this.uaa = new UaaRevocation(config.id(), config.issuerUrl(), http);
        this.introspection = new Introspection(config.id(), http, authenticator);
    }

    @Override
    public String id() {
        return config.id();
    }

    public OAuth2IssuerConfig config() {
        return config;
    }

    @Override
    public IssuerCapabilities capabilities() {
        boolean isUaa = isUaa();
        boolean discovers = config.issuerUrl() != null;
        boolean revocable = isUaa || config.revocationEndpoint() != null || discovers;
        boolean verifies = config.verifyRevocation() && (isUaa || config.introspectionEndpoint() != null || discovers);
        return new IssuerCapabilities(revocable, verifies, Optional.empty(), true, !isUaa);
    }

    @Override
    public IssuedToken issue(TokenRequest request) throws IssuerException {
        Endpoints resolved = endpoints.get();
        boolean revocable = isUaa() || resolved.revocation() != null;
        if (!revocable && !config.allowUnrevocableTokens()) {
            throw new IssuerException("OAuth2 issuer '" + id() + "' has no revocation endpoint, so its tokens could not be"
                    + " revoked and would stay valid until they expire; set 'revocationEndpoint' (or the Cloud Foundry UAA"
                    + " kind for a UAA), or set 'allowUnrevocableTokens' to accept such tokens knowingly.", false);
        }
        String tokenEndpoint = resolved.token();
        FormBody.Builder form = new FormBody.Builder().add("grant_type", "client_credentials");
        if (!request.scopes().isEmpty()) {
            form.add("scope", request.scopes().asString());
        }
        if (request.audience() != null) {
            addAudience(form, request.audience());
        }
        if (isUaa()) {
            // UAA keeps only opaque tokens (and JWTs where the zone enables revocability) in its revocable store.
            form.add("token_format", "opaque");
        }
        Request.Builder post = new Request.Builder().url(tokenEndpoint).header("Accept", "application/json");
        authenticator.authenticate(tokenEndpoint, post, form);
        Instant sent = clock.instant();
        HttpResult result = http.execute(post.post(form.build()).build(), "token endpoint");
        if (!result.isSuccessful()) {
            throw OAuth2Errors.fromResponse(id(), "token endpoint", result, secrets(null));
        }
        TokenResponse response = TokenResponse.parse(id(), result);
        TokenValue token = TokenValue.of(response.accessToken());
        Optional<Instant> serverExpiry = ServerExpiry.of(response, sent);
        Instant expiresAt = serverExpiry.orElse(sent.plus(request.ttl().duration()));
        RevocationHandle handle = isUaa()
                ? new HandlePayload(token, expiresAt, uaa.tokenId(token, response.jti())).encode(id(), HandlePayload.KIND_UAA)
                : new HandlePayload(token, expiresAt, null).encode(id(), HandlePayload.KIND_RFC7009);
        Scopes granted = response.scope() == null ? request.scopes() : response.scope();
        IssuedToken issued = new IssuedToken(token, expiresAt, granted, handle, serverExpiry, revocable);
        if (!request.accepts(granted)) {
            throw scopeMismatch(request.scopes(), granted, issued);
        }
        checkLifetime(request, sent, issued);
        return issued;
    }

    /** Refuses a token the server keeps valid longer than the requested TTL plus the configured margin. */
    private void checkLifetime(TokenRequest request, Instant sent, IssuedToken issued) throws RefusedTokenException {
        Duration margin = config.maxLifetimeBeyondTtl();
        if (margin == null) {
            return;
        }
        Duration allowed = request.ttl().duration().plus(margin);
        if (issued.serverExpiresAt().isEmpty()) {
            throw new RefusedTokenException("OAuth2 issuer '" + id() + "': the server did not say how long the token stays"
                    + " valid (no expires_in, not a JWT), so it was refused under 'maxLifetimeBeyondTtl'; make the server report"
                    + " expires_in or clear 'maxLifetimeBeyondTtl'.", issued);
        }
        Duration lifetime = Duration.between(sent, issued.serverExpiresAt().get());
        if (lifetime.compareTo(allowed) > 0) {
            throw new RefusedTokenException("OAuth2 issuer '" + id() + "': the server keeps the token valid for "
                    + lifetime.toSeconds() + "s, more than the requested TTL of " + request.ttl().seconds() + "s plus the allowed "
                    + margin.toSeconds() + "s ('maxLifetimeBeyondTtl'), so it was refused; shorten the client's access token"
                    + " lifetime at the server or ask for a longer TTL.", issued);
        }
    }

    @Override
    public RevocationOutcome revoke(RevocationHandle handle) throws IssuerException {
        return revokeWithNote(handle).outcome();
    }

    /**
     * Always asks the server, whatever our clock says about the token's expiry: a clock that jumped forward must not
     * turn a live token into "already inactive". With {@code verifyRevocation}, introspection that confirms the
     * token inactive gives {@code VERIFIED}; introspection that cannot answer (not permitted, failing) leaves the
     * accepted revocation {@code ACCEPTED} with a note, and after a refusal it is not asked again.
     */
    @Override
    public RevocationResult revokeWithNote(RevocationHandle handle) throws IssuerException {
        if (!handle.issuerId().equals(id())) {
            throw new IssuerException("OAuth2 issuer '" + id() + "' was asked to revoke a token of issuer '"
                    + handle.issuerId() + "'; revoke it with that issuer.", false);
        }
        HandlePayload payload = HandlePayload.decode(id(), handle);
        List<String> secrets = secrets(payload.token());
        RevocationOutcome outcome = switch (handle.kind()) {
            case HandlePayload.KIND_RFC7009 -> rfc7009.revoke(endpoints.get().revocation(), payload, secrets);
            case HandlePayload.KIND_UAA -> uaa.revoke(payload, secrets);
            default -> throw new IssuerException("OAuth2 issuer '" + id() + "' does not know revocation handles of kind '"
                    + handle.kind() + "'; revoke the token at the server by hand.", false);
        };
        if (outcome != RevocationOutcome.ACCEPTED || !config.verifyRevocation() || endpoints.get().introspection() == null) {
            return RevocationResult.of(outcome);
        }
        String refused = verificationRefused;
        if (refused != null) {
            return new RevocationResult(RevocationOutcome.ACCEPTED, "not verified: " + refused);
        }
        boolean active;
        try {
            active = isActive(payload.token());
        } catch (IssuerException e) {
            if (!e.isRetryable()) {
                verificationRefused = e.getMessage(); // a configuration matter (e.g. HTTP 403): asking again will not help
            }
            if (!warnedAboutVerification.getAndSet(true)) {
                LOG.log(Level.WARNING, "{0} Revocations of this issuer are reported ACCEPTED (not verified) until"
                        + " introspection works.", e.getMessage());
            }
            return new RevocationResult(RevocationOutcome.ACCEPTED, "not verified: " + e.getMessage());
        }
        if (active) {
            throw new IssuerException("OAuth2 issuer '" + id() + "': the server accepted the revocation but "
                    + "introspection still reports the token active; it will be retried.", true);
        }
        return RevocationResult.of(RevocationOutcome.VERIFIED);
    }

    /**
     * RFC 7662: asks the introspection endpoint whether {@code token} is active, authenticating as this
     * client. Throws when no introspection endpoint is configured or discovered.
     */
    public boolean isActive(TokenValue token) throws IssuerException {
        return introspection.isActive(endpoints.get().introspection(), token, secrets(token));
    }

    private boolean isUaa() {
        return config.preset() == Preset.CLOUD_FOUNDRY_UAA;
    }

    private RefusedTokenException scopeMismatch(Scopes requested, Scopes granted, IssuedToken issued) {
        if (requested.isEmpty()) {
            // Servers such as UAA answer a request without scope with every scope the client may have.
            return new RefusedTokenException("OAuth2 issuer '" + id() + "': no scope was requested, so the server granted"
                    + " the client's default scopes ('" + granted + "'), and the token was refused; name the scopes the"
                    + " token needs (the step's 'scopes', or --scope on the command line).", issued);
        }
        Scopes extra = granted.minus(requested);
        String what = !extra.isEmpty()
                ? "granted scopes that were not requested ('" + extra + "')"
                : "granted fewer scopes than requested (missing '" + requested.minus(granted) + "')";
        return new RefusedTokenException("OAuth2 issuer '" + id() + "': the server " + what + ", so the token was refused;"
                + " align the client's allowed scopes at the server with the requested scopes '" + requested + "'.", issued);
    }

    private void addAudience(FormBody.Builder form, String audience) {
        String where = "OAuth2 issuer '" + id() + "': ";
        if (isUaa()) {
            throw new InvalidInputException(where + "the Cloud Foundry UAA preset does not take an audience; remove 'audience' from the request.");
        }
        if (config.audienceParameter() == AudienceParameter.RESOURCE && !isAbsoluteUriWithoutFragment(audience)) {
            throw new InvalidInputException(where + "the audience '" + OAuth2Errors.sanitize(audience, List.of())
                    + "' is not an absolute URI without fragment, as RFC 8707 'resource' requires; give a URI such as "
                    + "https://api.example.com or set audienceParameter to AUDIENCE.");
        }
        form.add(config.audienceParameter().formName(), audience);
    }

    private static boolean isAbsoluteUriWithoutFragment(String s) {
        try {
            URI uri = new URI(s);
            return uri.isAbsolute() && uri.getFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private List<String> secrets(TokenValue token) {
        List<String> s = new ArrayList<>(authenticator.secretForms());
        if (token != null) {
            s.add(token.reveal());
        }
        return s;
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "OAuth2TokenIssuer[" + config.id() + "]";
    }
}
