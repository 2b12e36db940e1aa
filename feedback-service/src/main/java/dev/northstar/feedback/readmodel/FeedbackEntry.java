package dev.northstar.feedback.readmodel;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.UUID;

/**
 * A row of the feedback read model: the columns that search filters on, and the whole entry as JSON for the
 * answer. Kept by {@link FeedbackProjection}, read by {@link FeedbackQueries}.
 */
@Entity
@Table(name = "feedback_entries")
public class FeedbackEntry {
    @Id
    @Column(name = "feedback_id")
    public UUID feedbackId;

    @Column(name = "product_id", nullable = false, updatable = false)
    public UUID productId;

    @Column(nullable = false)
    public String source;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    public String account;

    public String segment;

    public Integer rating;

    @Column(nullable = false)
    public String sentiment;

    @Column(nullable = false)
    public String status;

    @Column(nullable = false)
    public String[] tags;

    @Column(nullable = false)
    public UUID[] links;

    @Column(nullable = false)
    public String text;

    @Column(nullable = false)
    public int version;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String entry;
}
