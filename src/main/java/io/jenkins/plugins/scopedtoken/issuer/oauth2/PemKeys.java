package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads PKCS#8 private keys and X.509 certificates from PEM with the JDK alone (no BouncyCastle at run time). */
final class PemKeys {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    private PemKeys() {
    }

    /** An RSA or EC private key from a {@code BEGIN PRIVATE KEY} block; the message names {@code field} on failure. */
    static PrivateKey privateKey(String where, String field, SecretText pem) {
        Matcher m = BLOCK.matcher(pem.reveal());
        while (m.find()) {
            String type = m.group(1);
            if (type.equals("RSA PRIVATE KEY") || type.equals("EC PRIVATE KEY") || type.equals("ENCRYPTED PRIVATE KEY")) {
                throw new InvalidInputException(where + "'" + field + "' holds a " + type
                        + "; convert it to unencrypted PKCS#8 with 'openssl pkcs8 -topk8 -nocrypt -in key.pem'.");
            }
            if (type.equals("PRIVATE KEY")) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                for (String algorithm : List.of("RSA", "EC")) {
                    try {
                        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                    } catch (GeneralSecurityException e) {
                        // try the next algorithm
                    }
                }
                throw new InvalidInputException(where + "'" + field + "' is not an RSA or EC private key; give a PKCS#8 RSA or EC P-256 key.");
            }
        }
        throw new InvalidInputException(where + "'" + field
                + "' has no '-----BEGIN PRIVATE KEY-----' block; paste the PKCS#8 private key in PEM.");
    }

    /** All certificates in a PEM bundle, in order; at least one. */
    static List<X509Certificate> certificates(String where, String field, String pem) {
        List<X509Certificate> result = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                if (m.group(1).equals("CERTIFICATE")) {
                    byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                    result.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
                }
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new InvalidInputException(where + "'" + field + "' contains a certificate that does not parse; paste PEM certificates as exported by openssl.");
        }
        if (result.isEmpty()) {
            throw new InvalidInputException(where + "'" + field + "' has no '-----BEGIN CERTIFICATE-----' block; paste PEM certificates.");
        }
        return result;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
