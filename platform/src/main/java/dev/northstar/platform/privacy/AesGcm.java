package dev.northstar.platform.privacy;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/** AES-GCM with a random 12-byte nonce kept in front of the ciphertext (and its 128-bit tag). */
final class AesGcm {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    static byte[] encrypt(SecretKey key, byte[] associatedData, byte[] plaintext) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, key, nonce, associatedData).doFinal(plaintext);
        return ByteBuffer.allocate(NONCE_BYTES + ciphertext.length).put(nonce).put(ciphertext).array();
    }

    static byte[] decrypt(SecretKey key, byte[] associatedData, byte[] sealed) throws GeneralSecurityException {
        if (sealed.length < NONCE_BYTES) {
            throw new GeneralSecurityException("too short to be sealed");
        }
        return cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(sealed, NONCE_BYTES), associatedData)
                .doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, byte[] associatedData) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(associatedData);
        return cipher;
    }

    private AesGcm() {
    }
}
