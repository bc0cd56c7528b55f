package io.jenkins.plugins.scopedtoken.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;

/** Java serialization as program.dat uses it, and a byte search for secrets in the result. */
public final class Bytes {
    private Bytes() {
    }

    public static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    @SuppressWarnings("unchecked")
    public static <T> T deserialize(byte[] bytes) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (T) in.readObject();
        }
    }

    /** Whether {@code secret} occurs in {@code haystack} as UTF-8 or as Java's modified UTF-8 / UTF-16. */
    public static boolean contains(byte[] haystack, String secret) {
        return indexOf(haystack, secret.getBytes(StandardCharsets.UTF_8)) >= 0
                || indexOf(haystack, secret.getBytes(StandardCharsets.UTF_16BE)) >= 0;
    }

    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
