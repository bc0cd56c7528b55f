package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The expiry the server enforces: {@code expires_in} counted from when the request was sent (so never later than
 * the real one), else the {@code exp} claim of a JWT access token. Servers often ignore the TTL we asked for, so
 * this, not the TTL, bounds how long a leaked token works.
 */
final class ServerExpiry {
    private ServerExpiry() {
    }

    static Optional<Instant> of(TokenResponse response, Instant sent) {
        if (response.expiresIn() != null) {
            return Optional.of(sent.plus(response.expiresIn()));
        }
        String token = response.accessToken();
        if (token.chars().filter(c -> c == '.').count() != 2) {
            return Optional.empty();
        }
        try {
            Date exp = JWTParser.parse(token).getJWTClaimsSet().getExpirationTime();
            return Optional.ofNullable(exp).map(Date::toInstant);
        } catch (ParseException e) {
            return Optional.empty(); // opaque after all
        }
    }
}
