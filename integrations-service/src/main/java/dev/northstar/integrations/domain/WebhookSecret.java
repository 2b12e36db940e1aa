package dev.northstar.integrations.domain;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The key a subscription's deliveries are signed with, written as Standard Webhooks writes it: {@code whsec_}
 * followed by the base64 of 24 to 64 random bytes.
 */
public record WebhookSecret(byte[] key) {
    public static final String PREFIX = "whsec_";
    private static final int GENERATED_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public WebhookSecret {
        key = key.clone();
    }

    public static WebhookSecret generate() {
        byte[] key = new byte[GENERATED_BYTES];
        RANDOM.nextBytes(key);
        return new WebhookSecret(key);
    }

    public static WebhookSecret parse(String written) {
        if (written == null || !written.startsWith(PREFIX)) {
            throw new RuleViolation("secret", "a secret is \"" + PREFIX + "\" followed by base64 (leave it out and one is generated)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(written.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new RuleViolation("secret", "the part after \"" + PREFIX + "\" is not base64");
        }
        if (key.length < 24 || key.length > 64) {
            throw new RuleViolation("secret", "a secret holds 24 to 64 bytes (this one " + key.length + ")");
        }
        return new WebhookSecret(key);
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    public String written() {
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    @Override
    public String toString() {
        return PREFIX + "…";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookSecret that && MessageDigest.isEqual(key, that.key);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(key);
    }
}
