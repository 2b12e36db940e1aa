package dev.northstar.feedback.readmodel;

import dev.northstar.platform.eventstore.FoldedRow;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.UUID;

/**
 * A row of the feedback read model: the columns that search filters on, and the whole entry as JSON (column
 * {@code entry}) for the answer. Kept by {@link FeedbackProjection}, read by {@link FeedbackQueries}.
 */
@Entity
@Table(name = "feedback_entries")
@AttributeOverride(name = "state", column = @Column(name = "entry", nullable = false))
public class FeedbackEntry extends FoldedRow {
    @Id
    @Column(name = "feedback_id")
    public UUID feedbackId;

    @Column(name = "product_id", nullable = false, updatable = false)
    public UUID productId;

    @Column(nullable = false)
    public String source;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    /** The customer id normalized (CustomerIds.normalized): what a customer's feedback is found by. */
    @Column(name = "customer_key")
    public String customerKey;

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
}
