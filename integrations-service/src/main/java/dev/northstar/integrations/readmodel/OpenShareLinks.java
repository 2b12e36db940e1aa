package dev.northstar.integrations.readmodel;

import dev.northstar.contracts.events.IntegrationsEvent;
import dev.northstar.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The share link a token opens now, looked up by the token's hash among the links' states. */
@ApplicationScoped
public class OpenShareLinks {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private final Sql sql;

    public OpenShareLinks(Sql sql) {
        this.sql = sql;
    }

    /** What an open link opens: one product's roadmap or dashboard, for an audience, until an instant. */
    public record OpenLink(UUID productId, String scope, String audience, Instant expiresAt) {
    }

    public Optional<OpenLink> byToken(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        return sql.query(TIMEOUT, """
                        SELECT product_id, state ->> 'scope', coalesce(state ->> 'audience', 'PUBLIC'), (state ->> 'expiresAt')::timestamptz
                        FROM aggregate_states
                        WHERE stream_type = 'share-link' AND state ->> 'tokenSha256' = ?
                          AND NOT (state ->> 'revoked')::boolean AND (state ->> 'expiresAt')::timestamptz > now()""",
                rs -> new OpenLink(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant()),
                IntegrationsEvent.ShareLinkCreated.tokenSha256(token)).stream().findFirst();
    }
}
