package dev.northstar.feedback.readmodel;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.feedback.domain.Feedback;
import dev.northstar.platform.eventstore.Versioned;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Searches feedback, newest first, with filters and keyset pages. */
@ApplicationScoped
public class FeedbackQueries {
    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public FeedbackQueries(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /** A null field does not filter; {@code text} matches words anywhere in the feedback, ignoring case. */
    public record Filter(String source, String status, String sentiment, String tag, UUID linkedTo, String customerId,
                         String text) {
    }

    public record Position(Instant createdAt, UUID id) {
    }

    public record Page(List<Versioned<Feedback>> items, Position next) {
    }

    public Page search(UUID productId, Filter filter, Position after, int limit) {
        StringBuilder sql = new StringBuilder(
                "SELECT entry::text, version, created_at, updated_at FROM feedback_entries WHERE product_id = ?");
        List<Object> parameters = new ArrayList<>(List.of(productId));
        condition(sql, parameters, " AND source = ?", filter.source());
        condition(sql, parameters, " AND status = ?", filter.status());
        condition(sql, parameters, " AND sentiment = ?", filter.sentiment());
        condition(sql, parameters, " AND ? = ANY (tags)", filter.tag());
        condition(sql, parameters, " AND ? = ANY (links)", filter.linkedTo());
        condition(sql, parameters, " AND customer_id = ?", filter.customerId());
        if (filter.text() != null) {
            sql.append(" AND text ILIKE ? ESCAPE '\\'");
            parameters.add("%" + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (after != null) {
            sql.append(" AND (created_at, feedback_id) < (?, ?)");
            parameters.add(Timestamp.from(after.createdAt()));
            parameters.add(after.id());
        }
        sql.append(" ORDER BY created_at DESC, feedback_id DESC LIMIT ?");
        parameters.add(limit + 1);
        List<Versioned<Feedback>> rows = query(sql.toString(), parameters);
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<Versioned<Feedback>> page = rows.subList(0, limit);
        return new Page(page, new Position(page.getLast().createdAt(), page.getLast().state().id()));
    }

    public Optional<Versioned<Feedback>> find(UUID productId, UUID feedbackId) {
        return query("SELECT entry::text, version, created_at, updated_at FROM feedback_entries WHERE product_id = ? AND feedback_id = ?",
                List.of(productId, feedbackId)).stream().findFirst();
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            parameters.add(value);
        }
    }

    private List<Versioned<Feedback>> query(String sql, List<Object> parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                ps.setObject(i + 1, parameters.get(i));
            }
            List<Versioned<Feedback>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Versioned<>(json.readValue(rs.getString(1), Feedback.class), rs.getInt(2),
                            rs.getTimestamp(3).toInstant(), rs.getTimestamp(4).toInstant()));
                }
            }
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException("feedback query failed", e);
        }
    }
}
