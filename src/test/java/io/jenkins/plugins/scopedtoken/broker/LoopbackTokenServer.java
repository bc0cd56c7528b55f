package io.jenkins.plugins.scopedtoken.broker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small token server on 127.0.0.1 for broker tests: POST /token issues, POST /revoke (body = token)
 * revokes, GET /introspect?token= answers active true/false. {@code failRevocations} makes the next n
 * revocations answer 503, {@code revokeDelayMillis} slows them down (timeouts), {@code issueDelayMillis}
 * slows issuing down.
 */
final class LoopbackTokenServer implements AutoCloseable {
    final Map<String, Long> active = new ConcurrentHashMap<>(); // token -> expiry millis
    final AtomicInteger failRevocations = new AtomicInteger();
    final AtomicInteger revokeCalls = new AtomicInteger();
    final AtomicInteger failIssues = new AtomicInteger();
    volatile long revokeDelayMillis;
    volatile long issueDelayMillis;
    volatile long expiresInSeconds = 3600;
    private final HttpServer server;
    private final SecureRandom random = new SecureRandom();

    LoopbackTokenServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/token", this::token);
        server.createContext("/revoke", this::revoke);
        server.createContext("/introspect", this::introspect);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    boolean isActive(String token) {
        Long exp = active.get(token);
        return exp != null && exp > System.currentTimeMillis();
    }

    private void token(HttpExchange ex) throws IOException {
        if (failIssues.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            reply(ex, 503, "unavailable");
            return;
        }
        if (issueDelayMillis > 0) {
            try {
                Thread.sleep(issueDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] raw = new byte[24];
        random.nextBytes(raw);
        String token = "tok_" + HexFormat.of().formatHex(raw);
        active.put(token, System.currentTimeMillis() + expiresInSeconds * 1000);
        reply(ex, 200, "{\"access_token\":\"" + token + "\",\"expires_in\":" + expiresInSeconds + "}");
    }

    private void revoke(HttpExchange ex) throws IOException {
        String token = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        revokeCalls.incrementAndGet();
        if (revokeDelayMillis > 0) {
            try {
                Thread.sleep(revokeDelayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failRevocations.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            reply(ex, 503, "unavailable");
            return;
        }
        active.remove(token);
        reply(ex, 200, "");
    }

    private void introspect(HttpExchange ex) throws IOException {
        String q = ex.getRequestURI().getQuery();
        String token = q == null ? "" : q.replaceFirst("^token=", "");
        reply(ex, 200, "{\"active\":" + isActive(token) + "}");
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
