package dev.northstar.integrations.domain;

import dev.northstar.contracts.events.IntegrationsEvent;
import dev.northstar.integrations.domain.ShareLinkEvent.ShareLinkCreated;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShareLinkTest {
    static final UUID PRODUCT = UUID.randomUUID();
    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void a_link_keeps_only_its_tokens_hash_lives_30_days_by_default_and_at_most_366() {
        String token = ShareLink.newToken();
        assertThat(token).startsWith("nss_").hasSizeGreaterThan(40).isNotEqualTo(ShareLink.newToken());
        ShareLinkCreated created = (ShareLinkCreated) ShareLink.create(UUID.randomUUID(), PRODUCT, ShareLink.Scope.ROADMAP, token,
                null, NOW, "pm@example.com", " Board ", null).getFirst();
        assertThat(created.tokenSha256()).isEqualTo(IntegrationsEvent.ShareLinkCreated.tokenSha256(token)).doesNotContain(token)
                .matches("[0-9a-f]{64}");
        assertThat(created.expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(created.description()).isEqualTo("Board");
        assertThat(created.audience()).as("a link is public unless made for insiders").isEqualTo(ShareLink.Audience.PUBLIC);

        assertThatThrownBy(() -> ShareLink.create(UUID.randomUUID(), PRODUCT, ShareLink.Scope.ROADMAP, token, NOW.minusSeconds(1), NOW, "pm", null, null))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("future");
        assertThatThrownBy(() -> ShareLink.create(UUID.randomUUID(), PRODUCT, ShareLink.Scope.DASHBOARD, token, NOW.plus(Duration.ofDays(367)), NOW, "pm", null, null))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("366 days");
    }

    @Test
    void a_link_is_active_until_it_expires_or_is_revoked_once() {
        ShareLink link = ShareLink.apply(null, ShareLink.create(UUID.randomUUID(), PRODUCT, ShareLink.Scope.DASHBOARD,
                ShareLink.newToken(), NOW.plus(Duration.ofDays(1)), NOW, "pm", null, ShareLink.Audience.INTERNAL).getFirst());
        assertThat(link.statusAt(NOW)).isEqualTo(ShareLink.Status.ACTIVE);
        assertThat(link.statusAt(NOW.plus(Duration.ofDays(2)))).isEqualTo(ShareLink.Status.EXPIRED);
        ShareLink revoked = ShareLink.apply(link, link.revoke("admin@example.com").getFirst());
        assertThat(revoked.statusAt(NOW)).isEqualTo(ShareLink.Status.REVOKED);
        assertThat(revoked.revokedBy()).isEqualTo("admin@example.com");
        assertThat(revoked.revoke("again")).isEmpty();
        assertThat(revoked.audience()).isEqualTo(ShareLink.Audience.INTERNAL);
    }
}
