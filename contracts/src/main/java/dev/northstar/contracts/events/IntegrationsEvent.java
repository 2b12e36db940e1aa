package dev.northstar.contracts.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import static dev.northstar.contracts.events.Require.present;

/**
 * {@code northstar.integrations.events}, published by integrations-service. Key and {@code ce_subject}: the share
 * link id.
 */
public sealed interface IntegrationsEvent extends PublishedEvent {
    String CONTEXT = "integrations";

    /**
     * A read-only share link of one product's roadmap ({@code scope} ROADMAP) or dashboard (DASHBOARD), valid until
     * {@code expiresAt}. Only the SHA-256 of its token travels (hex, lowercase): the token itself was shown once, to
     * whoever made the link. {@code audience} PUBLIC (or absent) opens the public view only, without costs, value,
     * staff, competitors or internal reasons; INTERNAL the view a viewer has.
     */
    record ShareLinkCreated(UUID shareLinkId, UUID productId, String scope, String tokenSha256, Instant expiresAt,
                            String createdBy, String description, String audience) implements IntegrationsEvent {
        public static final String PUBLIC = "PUBLIC";
        public static final String INTERNAL = "INTERNAL";

        public ShareLinkCreated {
            present(shareLinkId, "shareLinkId");
            present(productId, "productId");
            present(scope, "scope");
            present(tokenSha256, "tokenSha256");
            present(expiresAt, "expiresAt");
        }

        /** How a link's token becomes {@code tokenSha256}: SHA-256 of its UTF-8 bytes, in lowercase hex. */
        public static String tokenSha256(String token) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
    }

    /** The link no longer opens anything. */
    record ShareLinkRevoked(UUID productId, String revokedBy) implements IntegrationsEvent {
        public ShareLinkRevoked {
            present(productId, "productId");
        }
    }
}
