package io.jenkins.plugins.scopedtoken.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed links of the audit chain: HMAC-SHA256 under the trail's key, so that nobody without the key can
 * rewrite lines and recompute the chain. Links and anchors are computed over different prefixes, so a link
 * found in the trail never serves as an anchor. Not thread-safe (one {@link Mac}); one instance per user.
 */
final class ChainMac {
    private final Mac mac;

    ChainMac(SecretKey key) {
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }

    /** The {@code hmac} field of the line after {@code line}. */
    String link(String line) {
        return hex("link\n" + line);
    }

    /** What the anchor file holds for a trail whose last anchored line is {@code line}, number {@code seq}. */
    String anchor(long seq, String line) {
        return hex("anchor\n" + seq + "\n" + line);
    }

    private String hex(String text) {
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
