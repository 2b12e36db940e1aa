package dev.northstar.integrations.domain;

import dev.northstar.contracts.Roles;
import dev.northstar.integrations.domain.ApiKeyEvent.ApiKeyIssued;
import dev.northstar.integrations.domain.ApiKeyEvent.ApiKeyRevoked;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A personal access token for tools: {@code nsk_<keyId>_<secret>}, scoped like a bearer token (roles, products) with at
 * most what its creator holds, until it expires or is revoked. The key names its id, so it is looked up by id and its
 * SHA-256 compared in constant time; only that hash is kept.
 */
public record ApiKey(UUID id, String name, Set<String> roles, Set<UUID> products, boolean allProducts, String tokenSha256,
                     String createdBy, Instant expiresAt, boolean revoked, String revokedBy) {
    public static final String PREFIX = "nsk_";
    public static final int NAME_LENGTH = 100;
    private static final int SECRET_BYTES = 32;
    private static final int ID_LENGTH = 36;
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum Status {
        ACTIVE, EXPIRED, REVOKED
    }

    public static ApiKey apply(ApiKey key, ApiKeyEvent event) {
        return switch (event) {
            case ApiKeyIssued e -> new ApiKey(e.apiKeyId(), e.name(), Set.copyOf(e.roles()), Set.copyOf(e.products()),
                    e.allProducts(), e.tokenSha256(), e.createdBy(), e.expiresAt(), false, null);
            case ApiKeyRevoked e -> new ApiKey(key.id, key.name, key.roles, key.products, key.allProducts, key.tokenSha256,
                    key.createdBy, key.expiresAt, true, e.revokedBy());
        };
    }

    /** A new key for {@code id}: the prefix, the id and 256 random bits in base64url. */
    public static String newToken(UUID id) {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return PREFIX + id + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The key id a presented key names; empty when it is not shaped like a key. */
    public static Optional<UUID> idOf(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() < PREFIX.length() + ID_LENGTH + 2
                || token.length() > 200 || token.charAt(PREFIX.length() + ID_LENGTH) != '_') {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(token.substring(PREFIX.length(), PREFIX.length() + ID_LENGTH)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The events of a key issued by {@code issuer}: a name, at least one role, products or all of them, all within what
     * the issuer holds ({@link ScopeExceeded} otherwise), and an expiry in the future if any.
     */
    public static List<ApiKeyEvent> issue(UUID id, String token, String name, Set<String> roles, Set<UUID> products,
                                          boolean allProducts, Instant expiresAt, Instant now, Caller issuer) {
        if (name == null || name.isBlank() || name.strip().length() > NAME_LENGTH) {
            throw new RuleViolation("name", "a key needs a name of 1 to " + NAME_LENGTH + " characters");
        }
        if (roles == null || roles.isEmpty()) {
            throw new RuleViolation("roles", "a key needs at least one role");
        }
        Set<String> unknown = new TreeSet<>(roles);
        unknown.removeAll(Roles.ALL);
        if (!unknown.isEmpty()) {
            throw new RuleViolation("roles", "no such roles: " + unknown);
        }
        Set<String> beyond = new TreeSet<>(roles);
        beyond.removeAll(issuer.roles());
        if (!beyond.isEmpty()) {
            throw new ScopeExceeded("roles", "a key may carry only roles its creator has; not " + beyond);
        }
        Set<UUID> named = products == null ? Set.of() : products;
        if (allProducts == !named.isEmpty()) {
            throw new RuleViolation("products", "a key names its products or allProducts, exactly one of them");
        }
        if (allProducts && !issuer.allProducts()) {
            throw new ScopeExceeded("allProducts", "a key for all products needs a creator with a token for all products");
        }
        List<UUID> outside = named.stream().filter(p -> !issuer.mayTouch(p)).sorted().toList();
        if (!outside.isEmpty()) {
            throw new ScopeExceeded("products", "a key may name only products its creator may touch; not " + outside);
        }
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new RuleViolation("expiresAt", "must be in the future");
        }
        return List.of(new ApiKeyIssued(id, name.strip(), List.copyOf(new TreeSet<>(roles)), named.stream().sorted().toList(),
                allProducts, sha256(token), issuer.subject(), expiresAt));
    }

    /** Whether {@code token} is this key's, comparing hashes in constant time. */
    public boolean matches(String token) {
        return token != null && MessageDigest.isEqual(tokenSha256.getBytes(StandardCharsets.US_ASCII),
                sha256(token).getBytes(StandardCharsets.US_ASCII));
    }

    /** Its creator and admins see and revoke a key; anyone else is told it does not exist. */
    public boolean visibleTo(Caller caller) {
        return caller.isAdmin() || caller.subject().equals(createdBy);
    }

    /** Revoking a revoked key records nothing. */
    public List<ApiKeyEvent> revoke(String by) {
        return revoked ? List.of() : List.of(new ApiKeyRevoked(by));
    }

    public Status statusAt(Instant now) {
        return revoked ? Status.REVOKED : expiresAt == null || now.isBefore(expiresAt) ? Status.ACTIVE : Status.EXPIRED;
    }

    /** SHA-256 of the key's UTF-8 bytes in lowercase hex: what is kept and published instead of the key. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The actor a key's requests are recorded as. */
    public String actor() {
        return "apikey:" + id;
    }
}
