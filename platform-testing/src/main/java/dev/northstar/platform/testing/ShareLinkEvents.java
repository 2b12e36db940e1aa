package dev.northstar.platform.testing;

import dev.northstar.contracts.Topics;
import dev.northstar.contracts.events.IntegrationsEvent;

import java.time.Instant;
import java.util.UUID;

/** Share links as integrations-service announces them, published straight to its topic for the services that open them. */
public final class ShareLinkEvents {

    /** A link of {@code token} to the product's ROADMAP or DASHBOARD until {@code expiresAt}; null audience: none given. */
    public static UUID created(UUID product, String token, String scope, String audience, Instant expiresAt) {
        UUID link = UUID.randomUUID();
        EventPublisher.publish(Topics.INTEGRATIONS_EVENTS, "integrations", "ShareLinkCreated", product, link,
                "{\"shareLinkId\":\"" + link + "\",\"productId\":\"" + product + "\",\"scope\":\"" + scope + "\",\"tokenSha256\":\""
                        + IntegrationsEvent.ShareLinkCreated.tokenSha256(token) + "\",\"expiresAt\":\"" + expiresAt + "\""
                        + (audience == null ? "" : ",\"audience\":\"" + audience + "\"") + "}");
        return link;
    }

    /** A link open for an hour. */
    public static UUID created(UUID product, String token, String scope, String audience) {
        return created(product, token, scope, audience, Instant.now().plusSeconds(3600));
    }

    public static void revoked(UUID product, UUID link) {
        EventPublisher.publish(Topics.INTEGRATIONS_EVENTS, "integrations", "ShareLinkRevoked", product, link,
                "{\"productId\":\"" + product + "\",\"revokedBy\":\"pm@example.com\"}");
    }

    private ShareLinkEvents() {
    }
}
