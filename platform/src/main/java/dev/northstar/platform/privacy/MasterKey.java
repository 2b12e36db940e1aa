package dev.northstar.platform.privacy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * The operator's customer-data master key ({@code northstar.customer-data.master-key}, 32 bytes in base64): it wraps
 * the per-customer data keys wherever they are kept or sent, and keys the blind indexes (account refs, key lookups).
 * Destroying a customer's wrapped key is what erases the customer; the master key itself is never destroyed, so it
 * must never wrap or index anything that erasure has to remove.
 */
@ApplicationScoped
public class MasterKey {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<String> configured;
    private final Optional<String> file;
    private volatile SecretKey key;

    public MasterKey(Optional<String> configured) {
        this(configured, Optional.empty());
    }

    /** The key itself, or (when it is not set) the file that holds it, such as a mounted secret. */
    @Inject
    public MasterKey(@ConfigProperty(name = "northstar.customer-data.master-key") Optional<String> configured,
                     @ConfigProperty(name = "northstar.customer-data.master-key-file") Optional<String> file) {
        this.configured = configured;
        this.file = file;
    }

    /** Fails with what to set when the key is missing or not 32 bytes of base64; services that seal call it at start. */
    public void requireConfigured() {
        key();
    }

    public SecretKey newDataKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no AES-256 key generator", e);
        }
    }

    /** A data key encrypted under the master key, bound to its customer ref, in base64url. */
    public String wrap(UUID ref, SecretKey dataKey) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(AesGcm.encrypt(key(), associatedData(ref), dataKey.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the data key of customer ref " + ref + " could not be wrapped", e);
        }
    }

    public SecretKey unwrap(UUID ref, String wrapped) {
        try {
            return new SecretKeySpec(AesGcm.decrypt(key(), associatedData(ref), Base64.getUrlDecoder().decode(wrapped)), "AES");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the data key of customer ref " + ref + " could not be unwrapped (another master key?)", e);
        }
    }

    /** The prefix of a secret sealed by {@link #seal}: the scheme, then the id of the master key that sealed it. */
    private static final String SEALED = "mk1:";

    /**
     * A secret of the service's own (a webhook's signing secret, say) sealed under the master key for one
     * {@code purpose} (AES-256-GCM, the purpose as associated data, so a sealed value cannot be moved to another use):
     * {@code mk1:<key id>:<base64url>}. The key id names the master key, so that sealed values can be told apart when
     * the master key is rotated.
     */
    public String seal(String purpose, String secret) {
        try {
            return SEALED + keyId() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    AesGcm.encrypt(key(), purpose.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a secret could not be sealed", e);
        }
    }

    /** Whether a stored value was sealed by {@link #seal} (values stored before are in clear). */
    public static boolean isSealed(String value) {
        return value != null && value.startsWith(SEALED);
    }

    /** The secret {@link #seal} sealed for {@code purpose}. */
    public String open(String purpose, String sealed) {
        String[] parts = sealed.split(":", 3);
        if (parts.length != 3 || !isSealed(sealed)) {
            throw new IllegalArgumentException("not a sealed secret");
        }
        if (!parts[1].equals(keyId())) {
            throw new IllegalStateException("the secret was sealed under master key " + parts[1] + ", not the current " + keyId());
        }
        try {
            return new String(AesGcm.decrypt(key(), purpose.getBytes(StandardCharsets.UTF_8), Base64.getUrlDecoder().decode(parts[2])),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a sealed secret could not be opened (another purpose or master key?)", e);
        }
    }

    /** The master key's id: the start of a hash of it, which tells keys apart without revealing them. */
    public String keyId() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("northstar master key id:" + Base64.getEncoder()
                    .encodeToString(key().getEncoded())).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * A keyed hash (HMAC-SHA256, base64url) of {@code value} for one {@code purpose}: equal values give equal hashes,
     * so they can be looked up, counted and grouped without being kept; without the master key nothing can be learned
     * from it.
     */
    public String blindIndex(String purpose, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            byte[] purposeKey = mac.doFinal(("northstar blind index: " + purpose).getBytes(StandardCharsets.UTF_8));
            mac.init(new SecretKeySpec(purposeKey, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private Optional<String> fromFile() {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(Path.of(file.get())));
        } catch (IOException e) {
            throw new IllegalStateException("the customer-data master key file " + file.get() + " cannot be read", e);
        }
    }

    private static byte[] associatedData(UUID ref) {
        return ("customer data key " + ref).getBytes(StandardCharsets.US_ASCII);
    }

    private SecretKey key() {
        SecretKey current = key;
        if (current == null) {
            String value = configured.or(this::fromFile).orElseThrow(() -> new IllegalStateException(
                    "northstar.customer-data.master-key (NORTHSTAR_CUSTOMER_DATA_MASTER_KEY, or a file named by "
                            + "NORTHSTAR_CUSTOMER_DATA_MASTER_KEY_FILE) is not set: 32 random bytes in base64, e.g. from "
                            + "`openssl rand -base64 32`"));
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(value.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("northstar.customer-data.master-key is not base64", e);
            }
            if (bytes.length != 32) {
                throw new IllegalStateException("northstar.customer-data.master-key must be 32 bytes, it is " + bytes.length);
            }
            current = new SecretKeySpec(bytes, "AES");
            key = current;
        }
        return current;
    }
}
