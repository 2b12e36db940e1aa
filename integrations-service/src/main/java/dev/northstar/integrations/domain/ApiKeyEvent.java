package dev.northstar.integrations.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An API key's history: issued once (only its hash travels), revoked at most once. */
public sealed interface ApiKeyEvent {

    /** {@code products} is empty when {@code allProducts}; {@code expiresAt} null: until revoked. */
    record ApiKeyIssued(UUID apiKeyId, String name, List<String> roles, List<UUID> products, boolean allProducts,
                        String tokenSha256, String createdBy, Instant expiresAt) implements ApiKeyEvent {
    }

    record ApiKeyRevoked(String revokedBy) implements ApiKeyEvent {
    }
}
