package dev.northstar.integrations.domain;

import java.time.Instant;
import java.util.UUID;

/** Published on {@code northstar.integrations.events} as {@code northstar.integrations.<Name>.v1}, keyed by the link id. */
public sealed interface ShareLinkEvent {

    record ShareLinkCreated(UUID shareLinkId, UUID productId, ShareLink.Scope scope, String tokenSha256, Instant expiresAt,
                            String createdBy, String description, ShareLink.Audience audience) implements ShareLinkEvent {
    }

    record ShareLinkRevoked(UUID productId, String revokedBy) implements ShareLinkEvent {
    }
}
