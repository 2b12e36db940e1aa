package dev.northstar.analytics.readmodel;

import dev.northstar.analytics.readmodel.MetricsQueries.Demand;
import dev.northstar.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demand of each target as last published: tells which targets' demand a new computation changed, and records it
 * as published in the same transaction as the outbox rows that publish it.
 */
@ApplicationScoped
public class PublishedDemand {
    private final Sql sql;

    public PublishedDemand(Sql sql) {
        this.sql = sql;
    }

    /**
     * The targets whose demand differs from what was last published, with their new demand (zeros for a target that
     * has none left), now recorded as published.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Demand> changedTo(UUID productId, List<Demand> now) {
        Map<UUID, Demand> before = new HashMap<>();
        sql.query("""
                SELECT target_type, target_id, feedback, unique_customers, votes, accounts, account_value
                FROM demand_published WHERE product_id = ?""",
                rs -> before.put(rs.getObject(2, UUID.class), new Demand(rs.getString(1), rs.getObject(2, UUID.class), null,
                        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getBigDecimal(7))), productId);
        List<Demand> changed = new ArrayList<>();
        for (Demand demand : now) {
            Demand old = before.remove(demand.targetId());
            if (old == null || !sameFigures(old, demand)) {
                changed.add(demand);
            }
        }
        before.values().forEach(gone -> changed.add(new Demand(gone.targetType(), gone.targetId(), null, 0, 0, 0, 0,
                BigDecimal.ZERO.setScale(2))));
        if (!changed.isEmpty()) {
            record(productId, changed);
        }
        return changed;
    }

    private void record(UUID productId, List<Demand> changed) {
        sql.update("""
                INSERT INTO demand_published (product_id, target_type, target_id, feedback, unique_customers, votes, accounts, account_value)
                SELECT ?, * FROM unnest(?::text[], ?::uuid[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::numeric[])
                ON CONFLICT (product_id, target_id) DO UPDATE SET feedback = excluded.feedback,
                    unique_customers = excluded.unique_customers, votes = excluded.votes, accounts = excluded.accounts,
                    account_value = excluded.account_value""",
                productId, changed.stream().map(Demand::targetType).toArray(String[]::new),
                changed.stream().map(demand -> demand.targetId().toString()).toArray(String[]::new),
                changed.stream().map(Demand::feedback).toArray(Long[]::new),
                changed.stream().map(Demand::uniqueCustomers).toArray(Long[]::new),
                changed.stream().map(Demand::votes).toArray(Long[]::new),
                changed.stream().map(Demand::accounts).toArray(Long[]::new),
                changed.stream().map(demand -> demand.accountValue().toPlainString()).toArray(String[]::new));
        sql.update("DELETE FROM demand_published WHERE product_id = ? AND accounts = 0 AND feedback = 0 AND votes = 0", productId);
    }

    private static boolean sameFigures(Demand a, Demand b) {
        return a.feedback() == b.feedback() && a.uniqueCustomers() == b.uniqueCustomers() && a.votes() == b.votes()
                && a.accounts() == b.accounts() && a.accountValue().compareTo(b.accountValue()) == 0;
    }
}
