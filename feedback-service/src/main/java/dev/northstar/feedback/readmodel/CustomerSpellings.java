package dev.northstar.feedback.readmodel;

import dev.northstar.feedback.domain.CustomerIds;
import dev.northstar.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Every spelling under which a product keeps data of one customer: their normalized id (all that is written since ids
 * are normalized) and the ids kept before that ({@code C-102} beside {@code c-102}), found in the clear-text read
 * models (feedback entries and vote states) by their normalized form. Each spelling has its own data key.
 */
@ApplicationScoped
public class CustomerSpellings {
    private final Sql sql;

    public CustomerSpellings(Sql sql) {
        this.sql = sql;
    }

    /** The normalized id first, then the other spellings; {@code voteStreamType}: the stream type of votes. */
    public Set<String> of(UUID productId, String customerId, String voteStreamType) {
        String key = CustomerIds.normalized(customerId);
        Set<String> spellings = new LinkedHashSet<>();
        spellings.add(key);
        spellings.addAll(sql.query("SELECT DISTINCT customer_id FROM feedback_entries WHERE product_id = ? AND customer_key = ?",
                rs -> rs.getString(1), productId, key));
        sql.query("SELECT DISTINCT state ->> 'customerId' FROM aggregate_states WHERE stream_type = ? AND product_id = ?",
                rs -> rs.getString(1), voteStreamType, productId).stream()
                .filter(id -> id != null && CustomerIds.normalized(id).equals(key)).forEach(spellings::add);
        return spellings;
    }
}
