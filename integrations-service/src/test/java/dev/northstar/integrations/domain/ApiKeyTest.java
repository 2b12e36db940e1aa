package dev.northstar.integrations.domain;

import dev.northstar.contracts.Roles;
import dev.northstar.integrations.domain.ApiKeyEvent.ApiKeyIssued;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyTest {
    static final UUID PRODUCT = UUID.randomUUID();
    static final UUID OTHER = UUID.randomUUID();
    static final Instant NOW = Instant.parse("2026-12-08T04:00:00Z");
    static final Caller PM = new Caller("pm@example.com", Set.of(Roles.PRODUCT_MANAGER, Roles.VIEWER), false, Set.of(PRODUCT));
    static final Caller ADMIN = new Caller("ops@example.com", Set.of(Roles.ADMIN), true, Set.of());

    @Test
    void a_key_names_its_id_carries_256_random_bits_and_keeps_only_its_hash() {
        UUID id = UUID.randomUUID();
        String token = ApiKey.newToken(id);
        assertThat(token).startsWith("nsk_" + id + "_").hasSize(4 + 36 + 1 + 43).isNotEqualTo(ApiKey.newToken(id));
        assertThat(ApiKey.idOf(token)).contains(id);
        assertThat(ApiKey.idOf("nsk_not-a-key")).isEmpty();
        assertThat(ApiKey.idOf("eyJhbGciOi.x.y")).isEmpty();

        ApiKeyIssued issued = (ApiKeyIssued) ApiKey.issue(id, token, " CI ", Set.of(Roles.VIEWER), Set.of(PRODUCT), false, null, NOW, PM)
                .getFirst();
        assertThat(issued.tokenSha256()).matches("[0-9a-f]{64}").isEqualTo(ApiKey.sha256(token));
        assertThat(issued.toString()).doesNotContain(token.substring(41));
        assertThat(issued.name()).isEqualTo("CI");
        assertThat(issued.createdBy()).isEqualTo("pm@example.com");

        ApiKey key = ApiKey.apply(null, issued);
        assertThat(key.matches(token)).isTrue();
        assertThat(key.matches(ApiKey.newToken(id))).isFalse();
        assertThat(key.actor()).isEqualTo("apikey:" + id);
    }

    @Test
    void a_key_carries_at_most_its_creators_roles_and_products() {
        String token = ApiKey.newToken(UUID.randomUUID());
        assertThatThrownBy(() -> ApiKey.issue(UUID.randomUUID(), token, "k", Set.of(Roles.PRODUCT_OWNER), Set.of(PRODUCT), false, null, NOW, PM))
                .isInstanceOf(ScopeExceeded.class).hasMessageContaining("product-owner");
        assertThatThrownBy(() -> ApiKey.issue(UUID.randomUUID(), token, "k", Set.of(Roles.VIEWER), Set.of(PRODUCT, OTHER), false, null, NOW, PM))
                .isInstanceOf(ScopeExceeded.class).hasMessageContaining(OTHER.toString());
        assertThatThrownBy(() -> ApiKey.issue(UUID.randomUUID(), token, "k", Set.of(Roles.VIEWER), Set.of(), true, null, NOW, PM))
                .isInstanceOf(ScopeExceeded.class).extracting(e -> ((ScopeExceeded) e).field()).isEqualTo("allProducts");
        assertThat(ApiKey.issue(UUID.randomUUID(), token, "k", Set.of(Roles.ADMIN), Set.of(), true, null, NOW, ADMIN)).hasSize(1);
    }

    @Test
    void a_key_needs_a_name_a_known_role_one_kind_of_products_and_a_future_expiry() {
        String token = ApiKey.newToken(UUID.randomUUID());
        assertThatThrownBy(() -> ApiKey.issue(UUID.randomUUID(), token, " ", Set.of(Roles.VIEWER), Set.of(PRODUCT), false, null, NOW, PM))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("name");
        assertThatThrownBy(() -> ApiKey.issue(UUID.randomUUID(), token, "k", Set.of(), Set.of(PRODUCT), false, null, NOW, PM))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("at least one role");
        assertThatThrownBy(() -> ApiKey.issue(UUID.randomUUID(), token, "k", Set.of("root"), Set.of(PRODUCT), false, null, NOW, PM))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("root");
        assertThatThrownBy(() -> ApiKey.issue(UUID.randomUUID(), token, "k", Set.of(Roles.VIEWER), Set.of(), false, null, NOW, PM))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> ApiKey.issue(UUID.randomUUID(), token, "k", Set.of(Roles.VIEWER), Set.of(PRODUCT), false, NOW, NOW, PM))
                .isInstanceOf(RuleViolation.class).hasMessageContaining("future");
    }

    @Test
    void a_key_is_active_until_it_expires_or_is_revoked_once_by_its_creator_or_an_admin() {
        UUID id = UUID.randomUUID();
        ApiKey key = ApiKey.apply(null, ApiKey.issue(id, ApiKey.newToken(id), "k", Set.of(Roles.VIEWER), Set.of(PRODUCT), false,
                NOW.plus(Duration.ofDays(1)), NOW, PM).getFirst());
        assertThat(key.statusAt(NOW)).isEqualTo(ApiKey.Status.ACTIVE);
        assertThat(key.statusAt(NOW.plus(Duration.ofDays(2)))).isEqualTo(ApiKey.Status.EXPIRED);
        assertThat(key.visibleTo(PM)).isTrue();
        assertThat(key.visibleTo(ADMIN)).isTrue();
        assertThat(key.visibleTo(new Caller("someone@example.com", Set.of(Roles.PRODUCT_MANAGER), true, Set.of()))).isFalse();

        ApiKey revoked = ApiKey.apply(key, key.revoke("ops@example.com").getFirst());
        assertThat(revoked.statusAt(NOW)).isEqualTo(ApiKey.Status.REVOKED);
        assertThat(revoked.revokedBy()).isEqualTo("ops@example.com");
        assertThat(revoked.revoke("again")).isEmpty();
    }
}
