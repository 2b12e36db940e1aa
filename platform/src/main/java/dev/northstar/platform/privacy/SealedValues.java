package dev.northstar.platform.privacy;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
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

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

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
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, key, nonce, ref, plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = ByteBuffer.allocate(NONCE_BYTES + ciphertext.length).put(nonce).put(ciphertext).array();
        return PREFIX + ref + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
    }

    public static String open(SecretKey key, String sealed) {
        UUID ref = refOf(sealed);
        byte[] bytes = Base64.getUrlDecoder().decode(sealed.substring(sealed.indexOf(':', PREFIX.length()) + 1));
        byte[] nonce = new byte[NONCE_BYTES];
        System.arraycopy(bytes, 0, nonce, 0, NONCE_BYTES);
        byte[] ciphertext = new byte[bytes.length - NONCE_BYTES];
        System.arraycopy(bytes, NONCE_BYTES, ciphertext, 0, ciphertext.length);
        return new String(crypt(Cipher.DECRYPT_MODE, key, nonce, ref, ciphertext), StandardCharsets.UTF_8);
    }

    private static byte[] crypt(int mode, SecretKey key, byte[] nonce, UUID ref, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(ref.toString().getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("customer data could not be " + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened")
                    + " with the key of customer ref " + ref, e);
        }
    }

    private SealedValues() {
    }
}
