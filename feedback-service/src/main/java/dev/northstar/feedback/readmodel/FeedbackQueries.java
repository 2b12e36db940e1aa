package dev.northstar.feedback.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.feedback.domain.CustomerIds;
import dev.northstar.feedback.domain.Feedback;
import dev.northstar.platform.eventstore.Versioned;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Searches feedback, newest first, with filters and keyset pages. */
@ApplicationScoped
public class FeedbackQueries {
    private static final Sort NEWEST_FIRST = Sort.descending("createdAt", "feedbackId");
    private static final Sort OLDEST_FIRST = Sort.ascending("createdAt", "feedbackId");

    private final FeedbackEntries entries;
    private final ObjectMapper json;

    public FeedbackQueries(FeedbackEntries entries, ObjectMapper json) {
        this.entries = entries;
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
        StringBuilder query = new StringBuilder("productId = :product");
        Parameters parameters = Parameters.with("product", productId);
        condition(query, parameters, " and source = :source", "source", filter.source());
        condition(query, parameters, " and status = :status", "status", filter.status());
        condition(query, parameters, " and sentiment = :sentiment", "sentiment", filter.sentiment());
        // not array_contains: Hibernate binds the tag as VARCHAR, and PostgreSQL has no text[] @> varchar[]
        condition(query, parameters, " and array_position(tags, :tag) > 0", "tag", filter.tag());
        condition(query, parameters, " and array_contains(links, :linkedTo)", "linkedTo", filter.linkedTo());
        condition(query, parameters, " and customerKey = :customer", "customer",
                filter.customerId() == null ? null : CustomerIds.normalized(filter.customerId()));
        if (filter.text() != null) {
            condition(query, parameters, " and text ilike :text escape '\\'", "text",
                    "%" + filter.text().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (after != null) {
            query.append(" and (createdAt, feedbackId) < (:afterCreatedAt, :afterId)");
            parameters.and("afterCreatedAt", after.createdAt()).and("afterId", after.id());
        }
        // range is inclusive: one row more than the page tells whether there is a next page
        List<Versioned<Feedback>> rows = entries.find(query.toString(), NEWEST_FIRST, parameters)
                .range(0, limit).list().stream().map(this::versioned).toList();
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<Versioned<Feedback>> page = rows.subList(0, limit);
        return new Page(page, new Position(page.getLast().createdAt(), page.getLast().state().id()));
    }

    /** The product's feedback linked to any of these initiatives or items and not DONE, oldest first. */
    public List<UUID> openLinkedTo(UUID productId, List<UUID> targets) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (UUID target : targets) {
            entries.find("productId = ?1 and array_contains(links, ?2) and status <> 'DONE'", OLDEST_FIRST, productId, target)
                    .list().forEach(row -> ids.add(row.feedbackId));
        }
        return List.copyOf(ids);
    }

    /** What one customer said about the product, oldest first, under any spelling of their id. */
    public List<Versioned<Feedback>> ofCustomer(UUID productId, String customerId) {
        return entries.find("productId = ?1 and customerKey = ?2", OLDEST_FIRST, productId, CustomerIds.normalized(customerId))
                .list().stream().map(this::versioned).toList();
    }

    public Optional<Versioned<Feedback>> find(UUID productId, UUID feedbackId) {
        return entries.findByIdOptional(feedbackId).filter(row -> row.productId.equals(productId)).map(this::versioned);
    }

    private static void condition(StringBuilder query, Parameters parameters, String clause, String name, Object value) {
        if (value != null) {
            query.append(clause);
            parameters.and(name, value);
        }
    }

    private Versioned<Feedback> versioned(FeedbackEntry row) {
        try {
            return row.versioned(json.readValue(row.state, Feedback.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable read-model row of feedback " + row.feedbackId, e);
        }
    }
}
