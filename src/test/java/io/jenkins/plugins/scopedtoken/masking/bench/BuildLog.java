package io.jenkins.plugins.scopedtoken.masking.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/** A deterministic, realistic build log: Maven, Gradle and npm lines, URLs, notes and a few tokens. */
final class BuildLog {

    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String[] GROUPS = {"org/apache/maven/plugins", "com/fasterxml/jackson/core", "io/netty", "org/springframework/boot", "com/google/guava"};
    private static final String[] WORDS = {"compile", "resources", "testCompile", "jar", "surefire", "install", "deploy", "lint", "bundle", "assemble"};

    private BuildLog() {}

    /** GitHub-style personal access tokens: the realistic secret shape. */
    static List<String> tokens(int count) {
        Random random = new Random(4242);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tokens.add("ghp_" + random(random, 36));
        }
        return tokens;
    }

    static byte[] generate(int bytes, List<String> secrets) {
        Random random = new Random(42);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes + 512);
        long line = 0;
        while (out.size() < bytes) {
            String text = switch (random.nextInt(12)) {
                case 0, 1, 2 -> "[INFO] Downloading from central: https://repo.maven.apache.org/maven2/" + GROUPS[random.nextInt(GROUPS.length)]
                        + "/" + WORDS[random.nextInt(WORDS.length)] + "/" + random.nextInt(20) + "." + random.nextInt(10) + "/artifact.pom";
                case 3, 4 -> "[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/" + GROUPS[random.nextInt(GROUPS.length)]
                        + "/x.jar (" + random.nextInt(900) + " kB at " + random.nextInt(9000) + " kB/s)";
                case 5 -> "> Task :module-" + random.nextInt(40) + ":" + WORDS[random.nextInt(WORDS.length)] + (random.nextBoolean() ? " UP-TO-DATE" : "");
                case 6 -> "npm WARN deprecated " + WORDS[random.nextInt(WORDS.length)] + "@" + random.nextInt(9) + "." + random.nextInt(20)
                        + ".0: this library is no longer supported";
                case 7 -> "[INFO] Tests run: " + random.nextInt(300) + ", Failures: 0, Errors: 0, Skipped: " + random.nextInt(3)
                        + ", Time elapsed: " + random.nextInt(30) + "." + random.nextInt(1000) + " s - in io.example.Service" + random.nextInt(500) + "Test";
                case 8 -> "+ curl -sSf -H 'Accept: application/json' 'https://api.example.com/v3/apps?page=" + random.nextInt(50)
                        + "&request_id=" + random(random, 32) + "'";
                case 9 -> "\u001b[8mha:" + Base64.getEncoder().encodeToString(("note-" + random(random, 60)).getBytes(StandardCharsets.US_ASCII))
                        + "\u001b[0m[Pipeline] sh";
                case 10 -> "2026-11-22T19:" + random.nextInt(60) + ":" + random.nextInt(60) + ".123Z  " + WORDS[random.nextInt(WORDS.length)]
                        + " finished in " + random.nextInt(5000) + " ms, commit " + random(random, 40).toLowerCase();
                default -> "  at io.example.internal." + WORDS[random.nextInt(WORDS.length)] + ".Step" + random.nextInt(99)
                        + ".run(Step.java:" + random.nextInt(400) + ")";
            };
            if (!secrets.isEmpty() && line % 5000 == 17) {
                text = "+ git push https://x-access-token:" + secrets.get(random.nextInt(secrets.size())) + "@github.com/acme/app.git";
            }
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
            line++;
        }
        return out.toByteArray();
    }

    private static String random(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
        }
        return sb.toString();
    }
}
