package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signs RFC 7523 client assertions for private_key_jwt: {@code iss} and {@code sub} are the client id,
 * {@code aud} the endpoint being called, a fresh {@code jti}, and a 60 s lifetime. RSA keys sign with RS256,
 * EC P-256 keys with ES256.
 */
final class ClientAssertionSigner {
    static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final Duration LIFETIME = Duration.ofSeconds(60);

    private final String clientId;
    private final String keyId;
    private final JWSAlgorithm algorithm;
    private final JWSSigner signer;

    private ClientAssertionSigner(String clientId, String keyId, JWSAlgorithm algorithm, JWSSigner signer) {
        this.clientId = clientId;
        this.keyId = keyId;
        this.algorithm = algorithm;
        this.signer = signer;
    }

    static ClientAssertionSigner forConfig(OAuth2IssuerConfig config) {
        String where = "OAuth2 issuer '" + config.id() + "': ";
        PrivateKey key = PemKeys.privateKey(where, "privateKeyPem", config.privateKeyPem());
        try {
            if (key instanceof ECPrivateKey ec) {
                if (!isP256(ec.getParams())) {
                    throw new InvalidInputException(where + "'privateKeyPem' is an EC key on a curve other than P-256; ES256 needs a P-256 (prime256v1) key.");
                }
                return new ClientAssertionSigner(config.clientId(), config.keyId(), JWSAlgorithm.ES256, new ECDSASigner(ec));
            }
            return new ClientAssertionSigner(config.clientId(), config.keyId(), JWSAlgorithm.RS256, new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new InvalidInputException(where + "'privateKeyPem' cannot sign client assertions (" + e.getMessage() + ").");
        }
    }

    private static boolean isP256(ECParameterSpec params) {
        return params.getCurve().getField().getFieldSize() == 256 && params.getOrder().bitLength() == 256;
    }

    JWSAlgorithm algorithm() {
        return algorithm;
    }

    /** A compact signed JWT for a request to {@code audience}. */
    String sign(String audience, Clock clock) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(clientId).subject(clientId).audience(audience)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .build();
        JWSHeader.Builder header = new JWSHeader.Builder(algorithm);
        if (keyId != null) {
            header.keyID(keyId);
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Signing the client assertion failed: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
