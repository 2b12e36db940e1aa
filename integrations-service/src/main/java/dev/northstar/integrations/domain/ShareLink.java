package dev.northstar.integrations.domain;

import dev.northstar.contracts.events.IntegrationsEvent;
import dev.northstar.integrations.domain.ShareLinkEvent.ShareLinkCreated;
import dev.northstar.integrations.domain.ShareLinkEvent.ShareLinkRevoked;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * A read-only link to one product's roadmap or dashboard for people without a Northstar account: whoever has its
 * token sees what a viewer sees there, until it expires or is revoked. Only the token's SHA-256 is kept.
 */
public record ShareLink(UUID id, UUID productId, Scope scope, String tokenSha256, Instant expiresAt, String createdBy,
                       String description, boolean revoked, String revokedBy, Audience audience) {
    public static final Duration LONGEST = Duration.ofDays(366);
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(30);
    private static final String TOKEN_PREFIX = "nss_";
    private static final SecureRandom RANDOM = new SecureRandom();

    public enum Scope {
        ROADMAP, DASHBOARD
    }

    public enum Status {
        ACTIVE, EXPIRED, REVOKED
    }

    /**
     * Who a link is for: PUBLIC (customers, partners, the board) sees the public view, without costs, value, ROI,
     * staff, competitors or internal reasons; INTERNAL what a viewer of the product sees.
     */
    public enum Audience {
        PUBLIC, INTERNAL
    }

    /** Links made before audiences existed are PUBLIC. */
    @Override
    public Audience audience() {
        return audience == null ? Audience.PUBLIC : audience;
    }

    public static ShareLink apply(ShareLink link, ShareLinkEvent event) {
        return switch (event) {
            case ShareLinkCreated e -> new ShareLink(e.shareLinkId(), e.productId(), e.scope(), e.tokenSha256(), e.expiresAt(),
                    e.createdBy(), e.description(), false, null, e.audience());
            case ShareLinkRevoked e -> new ShareLink(link.id, link.productId, link.scope, link.tokenSha256, link.expiresAt,
                    link.createdBy, link.description, true, e.revokedBy(), link.audience);
        };
    }

    /** A new link's token: {@code nss_} and 32 random bytes in base64url. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * A link for {@code token}, valid until {@code expiresAt} (null: 30 days from now; at most 366 days), for an
     * audience (null: PUBLIC).
     */
    public static List<ShareLinkEvent> create(UUID id, UUID productId, Scope scope, String token, Instant expiresAt, Instant now,
                                              String createdBy, String description, Audience audience) {
        if (scope == null) {
            throw new RuleViolation("scope", "a share link opens a ROADMAP or a DASHBOARD");
        }
        Instant until = expiresAt == null ? now.plus(DEFAULT_LIFETIME) : expiresAt;
        if (!until.isAfter(now)) {
            throw new RuleViolation("expiresAt", "must be in the future");
        }
        if (until.isAfter(now.plus(LONGEST))) {
            throw new RuleViolation("expiresAt", "a share link lives at most 366 days");
        }
        return List.of(new ShareLinkCreated(id, productId, scope, IntegrationsEvent.ShareLinkCreated.tokenSha256(token), until, createdBy,
                description == null || description.isBlank() ? null : description.strip(),
                audience == null ? Audience.PUBLIC : audience));
    }

    /** Revoking a revoked link records nothing. */
    public List<ShareLinkEvent> revoke(String by) {
        return revoked ? List.of() : List.of(new ShareLinkRevoked(productId, by));
    }

    public Status statusAt(Instant now) {
        return revoked ? Status.REVOKED : now.isBefore(expiresAt) ? Status.ACTIVE : Status.EXPIRED;
    }
}
