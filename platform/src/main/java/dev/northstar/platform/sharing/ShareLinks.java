package dev.northstar.platform.sharing;

import dev.northstar.contracts.events.IntegrationsEvent;
import dev.northstar.platform.jdbc.Sql;
import dev.northstar.platform.messaging.Failures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The share links this service opens, as integrations-service announced them: a link's token opens one product's
 * roadmap or dashboard, read-only, until it expires or is revoked. Only the token's SHA-256 is kept.
 */
@ApplicationScoped
public class ShareLinks {
    /** The consumer that keeps this table rebuilds it with the rest of its state. */
    public static final String TABLE = "share_links";

    public enum Scope {
        ROADMAP, DASHBOARD
    }

    /** What an open link gives: one product, until an instant; the public view only unless it is {@code internal}. */
    public record Grant(UUID productId, Instant expiresAt, boolean internal) {
    }

    /** No slot for a lookup in time, or the lookup took too long: the service is too busy for anonymous callers now. */
    public static class Busy extends RuntimeException {
        Busy(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Sql sql;
    private final ShareLinkSettings settings;
    private final ShareLinkAuthority authority;
    private final Semaphore lookups;

    public ShareLinks(Sql sql, ShareLinkSettings settings, ShareLinkAuthority authority) {
        this.sql = sql;
        this.settings = settings;
        this.authority = authority;
        this.lookups = new Semaphore(settings.concurrentLookups());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void created(UUID shareLinkId, UUID productId, String scope, String tokenSha256, Instant expiresAt, String audience) {
        sql.update("""
                INSERT INTO share_links (share_link_id, product_id, scope, token_sha256, expires_at, audience)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (share_link_id) DO NOTHING""", shareLinkId, productId, scope, tokenSha256,
                Timestamp.from(expiresAt), IntegrationsEvent.ShareLinkCreated.INTERNAL.equals(audience)
                        ? IntegrationsEvent.ShareLinkCreated.INTERNAL : IntegrationsEvent.ShareLinkCreated.PUBLIC);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void revoked(UUID shareLinkId, Instant at) {
        sql.update("UPDATE share_links SET revoked_at = ? WHERE share_link_id = ? AND revoked_at IS NULL", Timestamp.from(at), shareLinkId);
    }

    /**
     * The product a token opens in this scope, now; empty for an unknown, expired or revoked link (revoked at its owner,
     * even if this service has not heard yet). Blocks: call it on a worker thread. {@link Busy} when the lookups of other
     * anonymous callers take every slot, the database is slow, or the owner does not answer.
     */
    public Optional<Grant> open(String token, Scope scope) {
        return known(token, scope).filter(grant -> authority.stillOpens(token));
    }

    private Optional<Grant> known(String token, Scope scope) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        try {
            if (!lookups.tryAcquire(settings.lookupWait().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Busy("too many share-link requests at once", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy("interrupted while waiting for a share-link lookup", e);
        }
        try {
            return sql.query(settings.lookupTimeout(), """
                            SELECT product_id, expires_at, audience FROM share_links
                            WHERE token_sha256 = ? AND scope = ? AND revoked_at IS NULL AND expires_at > now()""",
                    rs -> new Grant(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(),
                            IntegrationsEvent.ShareLinkCreated.INTERNAL.equals(rs.getString(3))),
                    IntegrationsEvent.ShareLinkCreated.tokenSha256(token), scope.name()).stream().findFirst();
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                throw new Busy("the share link could not be looked up in time", e);
            }
            throw e;
        } finally {
            lookups.release();
        }
    }
}
