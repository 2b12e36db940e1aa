package dev.northstar.platform.privacy;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;

/**
 * A customer-identifying value sealed with that customer's own data key: {@code enc:v1:<customer ref>:<base64url of
 * a 12-byte nonce and the AES-256-GCM ciphertext>}. The customer ref (a random id, not derived from the customer) names
 * the key and is the additional authenticated data, so a value cannot be moved to another customer's key. Once the
 * key is destroyed the value opens to nothing: it reads as {@link #ERASED}.
 */
public final class SealedValues {
    public static final String PREFIX = "enc:v1:";
    /** What an erased customer's id, account and text read as everywhere. */
    public static final String ERASED = "[erased]";

    public static boolean isSealed(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** The customer ref a sealed value names, i.e. whose key opens it. */
    public static UUID refOf(String sealed) {
        int end = sealed.indexOf(':', PREFIX.length());
        if (!isSealed(sealed) || end < 0) {
            throw new IllegalArgumentException("not a sealed value");
        }
        return UUID.fromString(sealed.substring(PREFIX.length(), end));
    }

    public static String seal(SecretKey key, UUID ref, String plaintext) {
        try {
            byte[] sealed = AesGcm.encrypt(key, associatedData(ref), plaintext.getBytes(StandardCharsets.UTF_8));
            return PREFIX + ref + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("customer data could not be sealed with the key of customer ref " + ref, e);
        }
    }

    public static String open(SecretKey key, String sealed) {
        UUID ref = refOf(sealed);
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(sealed.indexOf(':', PREFIX.length()) + 1));
            return new String(AesGcm.decrypt(key, associatedData(ref), bytes), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("customer data could not be opened with the key of customer ref " + ref, e);
        }
    }

    private static byte[] associatedData(UUID ref) {
        return ref.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private SealedValues() {
    }
}
