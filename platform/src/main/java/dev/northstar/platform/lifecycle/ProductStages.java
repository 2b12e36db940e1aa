package dev.northstar.platform.lifecycle;

import dev.northstar.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The life-cycle stage each product is in (IDEATION, DISCOVERY, GROWTH, MATURITY, DECLINE, RETIRED), as this service last
 * heard it. A RETIRED product is read-only: {@link RetiredProductGuard} answers every write to it with 409.
 */
@ApplicationScoped
public class ProductStages {
    public static final String RETIRED = "RETIRED";
    /** The consumers that keep this table rebuild it with the rest of their state. */
    public static final String TABLE = "product_stages";

    private final Sql sql;

    public ProductStages(Sql sql) {
        this.sql = sql;
    }

    /** Records the product's stage, in the caller's transaction; an older change arriving late does not undo a newer one. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID productId, String stage, String reason, Instant changedAt) {
        sql.update("""
                INSERT INTO product_stages (product_id, stage, reason, changed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (product_id) DO UPDATE SET stage = excluded.stage, reason = excluded.reason,
                    changed_at = excluded.changed_at
                WHERE product_stages.changed_at <= excluded.changed_at""",
                productId, stage, reason, Timestamp.from(changedAt));
    }

    public Optional<String> stageOf(UUID productId) {
        return sql.query("SELECT stage FROM product_stages WHERE product_id = ?", rs -> rs.getString(1), productId)
                .stream().findFirst();
    }

    public boolean isRetired(UUID productId) {
        return stageOf(productId).filter(RETIRED::equals).isPresent();
    }
}
