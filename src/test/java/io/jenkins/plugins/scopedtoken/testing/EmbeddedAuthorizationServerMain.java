package io.jenkins.plugins.scopedtoken.testing;

import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.AuthMethod;
import io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServer.TokenFormat;
import java.util.concurrent.CountDownLatch;

/**
 * Starts an {@link EmbeddedAuthorizationServer} for command-line demos and prints its endpoints.
 * Arguments: {@code [clientId [secret [scope...]]]}, default {@code demo-client demo-secret deploy read}.
 * The client may authenticate with client_secret_basic or client_secret_post and gets opaque tokens;
 * a second client {@code <clientId>-jwt} with the same secret gets JWT access tokens. Stops on Ctrl-C.
 *
 * <pre>
 * mvn -B -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.jenkins.plugins.scopedtoken.testing.EmbeddedAuthorizationServerMain
 * </pre>
 */
public final class EmbeddedAuthorizationServerMain {
    private EmbeddedAuthorizationServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String clientId = args.length > 0 ? args[0] : "demo-client";
        String secret = args.length > 1 ? args[1] : "demo-secret";
        String[] scopes = args.length > 2 ? java.util.Arrays.copyOfRange(args, 2, args.length) : new String[] {"deploy", "read"};
        EmbeddedAuthorizationServer server = EmbeddedAuthorizationServer.start();
        server.register(EmbeddedAuthorizationServer.client(clientId).secret(secret)
                .authMethods(AuthMethod.CLIENT_SECRET_BASIC, AuthMethod.CLIENT_SECRET_POST).scopes(scopes)
                .tokenFormat(TokenFormat.OPAQUE));
        server.register(EmbeddedAuthorizationServer.client(clientId + "-jwt").secret(secret)
                .authMethods(AuthMethod.CLIENT_SECRET_BASIC, AuthMethod.CLIENT_SECRET_POST).scopes(scopes)
                .tokenFormat(TokenFormat.JWT));
        System.out.println("issuer         " + server.issuerUri());
        System.out.println("discovery      " + server.discoveryUri());
        System.out.println("token          " + server.tokenEndpoint());
        System.out.println("revocation     " + server.revocationEndpoint());
        System.out.println("introspection  " + server.introspectionEndpoint());
        System.out.println("resource       " + server.resourceUri("<scope>"));
        System.out.println("clients        " + clientId + " (opaque), " + clientId + "-jwt (JWT); scopes " + String.join(" ", scopes));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stop.countDown();
        }));
        stop.await();
    }
}
