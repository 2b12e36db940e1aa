package dev.northstar.feedback.readmodel;

import dev.northstar.feedback.domain.CustomerIds;
import dev.northstar.platform.jdbc.Sql;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Fills {@code feedback_entries.customer_key} of the rows written before customer ids were normalized, at start, in
 * batches (the projection writes it for every row since, and a rebuild for all). Idempotent, so every replica may run
 * it; once every row has its key it reads nothing.
 */
@ApplicationScoped
public class CustomerKeyBackfill {
    private static final Logger LOG = Logger.getLogger(CustomerKeyBackfill.class);
    private static final int BATCH = 500;

    private record Row(UUID feedbackId, String customerId) {
    }

    private final Sql sql;

    public CustomerKeyBackfill(Sql sql) {
        this.sql = sql;
    }

    void onStart(@Observes StartupEvent start) {
        fill();
    }

    /** Fills every row that has no customer key yet; answers how many. */
    public int fill() {
        int filled = 0;
        List<Row> rows;
        do {
            rows = sql.query("SELECT feedback_id, customer_id FROM feedback_entries WHERE customer_key IS NULL LIMIT " + BATCH,
                    rs -> new Row(rs.getObject(1, UUID.class), rs.getString(2)));
            for (Row row : rows) {
                filled += sql.update("UPDATE feedback_entries SET customer_key = ? WHERE feedback_id = ? AND customer_key IS NULL",
                        CustomerIds.normalized(row.customerId()), row.feedbackId());
            }
        } while (rows.size() == BATCH);
        if (filled > 0) {
            LOG.infof("normalized customer ids of %d feedback entries written before ids were normalized", filled);
        }
        return filled;
    }
}
