package io.jenkins.plugins.scopedtoken.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The demo's "build step": a child process that uses the token from {@code API_TOKEN} against protected
 * URLs, and also prints it, as careless scripts do, so the demo can show the masker at work.
 * Arguments: {@code URL=EXPECTED_STATUS...}; exits 0 when every call answered as expected, else 1.
 */
public final class ResourceProbe {
    private ResourceProbe() {
    }

    public static void main(String[] args) throws Exception {
        String token = System.getenv("API_TOKEN");
        if (token == null) {
            System.err.println("API_TOKEN is not set");
            System.exit(2);
        }
        System.out.println("echo $API_TOKEN -> " + token);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        boolean allAsExpected = true;
        for (String arg : args) {
            int eq = arg.lastIndexOf('=');
            URI uri = URI.create(arg.substring(0, eq));
            int expected = Integer.parseInt(arg.substring(eq + 1));
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).GET().build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            allAsExpected &= status == expected;
            System.out.println("GET " + uri.getPath() + " -> " + status + (status == expected ? "" : " (expected " + expected + ")"));
        }
        System.exit(allAsExpected ? 0 : 1);
    }
}
