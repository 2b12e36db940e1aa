package dev.northstar.platform.privacy;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The key of one purpose's blind indexes (account refs, key lookups): a keyed hash (HMAC-SHA256, base64url) gives equal
 * values equal indexes, so they can be looked up, counted and grouped without being kept; without the key nothing can be
 * learned from them. {@link MasterKey#blindIndexKey} derives it; a service keeps it sealed so that its indexes never
 * change when the master key does.
 */
public final class BlindIndexKey {
    private final SecretKeySpec key;

    BlindIndexKey(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** A key {@link #written()} before. */
    public static BlindIndexKey read(String written) {
        return new BlindIndexKey(Base64.getDecoder().decode(written));
    }

    /** The key in base64, to be sealed where it is kept. */
    public String written() {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** The blind index of {@code value}. */
    public String indexOf(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
