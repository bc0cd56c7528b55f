package io.jenkins.plugins.scopedtoken.issuer.oauth2;

import io.jenkins.plugins.scopedtoken.token.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS side of a configuration: which server certificates to trust (the JVM default, or only the
 * {@code caBundlePem}) and which client certificate to present (mutual TLS). There is deliberately no way
 * to switch verification off.
 */
final class TlsMaterial {
    private final SSLSocketFactory socketFactory;
    private final X509TrustManager trustManager;

    private TlsMaterial(SSLSocketFactory socketFactory, X509TrustManager trustManager) {
        this.socketFactory = socketFactory;
        this.trustManager = trustManager;
    }

    /** Null when the JVM defaults apply (no CA bundle, no client certificate). */
    static TlsMaterial forConfig(OAuth2IssuerConfig config) {
        if (config.caBundlePem() == null && !config.hasClientCertificate()) {
            return null;
        }
        String where = "OAuth2 issuer '" + config.id() + "': ";
        try {
            X509TrustManager trust = trustManager(where, config.caBundlePem());
            KeyManager[] keys = config.hasClientCertificate() ? keyManagers(where, config) : null;
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, new TrustManager[] {trust}, null);
            return new TlsMaterial(context.getSocketFactory(), trust);
        } catch (GeneralSecurityException e) {
            throw new InvalidInputException(where + "the TLS settings could not be loaded (" + e.getClass().getSimpleName()
                    + "); check 'caBundlePem' and the client certificate.");
        }
    }

    SSLSocketFactory socketFactory() {
        return socketFactory;
    }

    X509TrustManager trustManager() {
        return trustManager;
    }

    private static X509TrustManager trustManager(String where, String caBundlePem) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caBundlePem == null) {
            factory.init((KeyStore) null);
        } else {
            KeyStore store = emptyStore();
            List<X509Certificate> cas = PemKeys.certificates(where, "caBundlePem", caBundlePem);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            factory.init(store);
        }
        return Arrays.stream(factory.getTrustManagers()).filter(X509TrustManager.class::isInstance)
                .map(X509TrustManager.class::cast).findFirst()
                .orElseThrow(() -> new GeneralSecurityException("no X509TrustManager"));
    }

    private static KeyManager[] keyManagers(String where, OAuth2IssuerConfig config) throws GeneralSecurityException {
        char[] password;
        KeyStore store;
        if (config.clientKeyStorePkcs12() != null) {
            password = config.clientKeyStorePassword() == null ? new char[0] : config.clientKeyStorePassword().revealChars();
            store = KeyStore.getInstance("PKCS12");
            try {
                store.load(new ByteArrayInputStream(config.clientKeyStorePkcs12().revealBytes()), password);
            } catch (IOException e) {
                throw new InvalidInputException(where + "'clientKeyStorePkcs12' could not be opened; check the file and 'clientKeyStorePassword'.");
            }
        } else {
            password = new char[0];
            PrivateKey key = PemKeys.privateKey(where, "clientKeyPem", config.clientKeyPem());
            List<X509Certificate> chain = PemKeys.certificates(where, "clientCertificatePem", config.clientCertificatePem());
            store = emptyStore();
            store.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }
}
