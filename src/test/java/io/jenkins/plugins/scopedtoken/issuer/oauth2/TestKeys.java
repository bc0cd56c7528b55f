package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

/** Client key pairs generated per test run, as PKCS#8 PEM (what a user pastes) and public JWK (what the server knows). */
record TestKeys(String privateKeyPem, JWK publicJwk) {
    static TestKeys rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair pair = g.generateKeyPair();
        return new TestKeys(pem(pair), new RSAKey.Builder((RSAPublicKey) pair.getPublic()).build());
    }

    static TestKeys ec() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = g.generateKeyPair();
        return new TestKeys(pem(pair), new ECKey.Builder(Curve.P_256, (ECPublicKey) pair.getPublic()).build());
    }

    private static String pem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
