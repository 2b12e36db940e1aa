package dev.northstar.analytics.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.analytics.domain.Metric;
import dev.northstar.platform.jdbc.Sql;
import dev.northstar.contracts.Topics;
import dev.northstar.platform.inbox.IncomingEvent;
import dev.northstar.platform.inbox.IncomingEventHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Consumes the roadmap, backlog and feedback events into facts and marks the metrics the event changed,
 * in one transaction with the event's inbox row: each event counts once, and a change is published
 * (by {@link MetricChanges}) only once its facts have committed.
 */
@ApplicationScoped
public class FactsHandler implements IncomingEventHandler {
    private final Sql facts;
    private final MetricChanges changes;
    private final ObjectMapper json;

    public FactsHandler(Sql facts, MetricChanges changes, ObjectMapper json) {
        this.facts = facts;
        this.changes = changes;
        this.json = json;
    }

    @Override
    public String name() {
        return "facts";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.ROADMAP_EVENTS, Topics.BACKLOG_EVENTS, Topics.FEEDBACK_EVENTS);
    }

    @Override
    public void handle(IncomingEvent event) {
        if (event.productId() == null) {
            return;
        }
        JsonNode e = read(event);
        UUID subject = UUID.fromString(event.subject());
        Timestamp at = Timestamp.from(event.time());
        switch (event.name()) {
            case "FeedbackSubmitted" -> facts.update("""
                    INSERT INTO feedback_facts (feedback_id, product_id, occurred_at, rating, sentiment, customer_id, account, account_value)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                    subject, event.productId(), at, e.path("rating").isNumber() ? e.path("rating").asInt() : null,
                    e.path("sentiment").path("label").asText("NEUTRAL"), e.path("customer").path("customerId").asText(),
                    text(e.path("customer").path("account")), decimal(e.path("customer").path("accountValue")));
            case "FeedbackLinked" -> facts.update("""
                    INSERT INTO demand_links (feedback_id, target_id, product_id, target_type) VALUES (?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""", subject, UUID.fromString(e.path("target").path("id").asText()),
                    event.productId(), e.path("target").path("type").asText());
            case "FeedbackUnlinked" -> facts.update("DELETE FROM demand_links WHERE feedback_id = ? AND target_id = ?",
                    subject, UUID.fromString(e.path("target").path("id").asText()));
            case "VoteCast" -> facts.update("""
                    INSERT INTO vote_facts (vote_id, product_id, target_type, target_id, customer_id, account, account_value, active)
                    VALUES (?, ?, ?, ?, ?, ?, ?, true) ON CONFLICT (vote_id) DO UPDATE SET active = true""",
                    subject, event.productId(), e.path("target").path("type").asText(),
                    UUID.fromString(e.path("target").path("id").asText()), e.path("customerId").asText(),
                    text(e.path("account")), decimal(e.path("accountValue")));
            case "VoteWithdrawn" -> facts.update("UPDATE vote_facts SET active = false WHERE vote_id = ?", subject);
            case "InitiativeAdded" -> facts.update("""
                    INSERT INTO initiative_facts (initiative_id, product_id, title, horizon, status) VALUES (?, ?, ?, ?, 'PROPOSED')
                    ON CONFLICT DO NOTHING""", subject, event.productId(), e.path("title").asText(), e.path("horizon").asText());
            case "InitiativeEdited" -> facts.update("UPDATE initiative_facts SET title = ? WHERE initiative_id = ?",
                    e.path("title").asText(), subject);
            case "InitiativeMoved" -> facts.update("UPDATE initiative_facts SET horizon = ? WHERE initiative_id = ?",
                    e.path("toHorizon").asText(), subject);
            case "InitiativeStatusChanged" -> facts.update("UPDATE initiative_facts SET status = ? WHERE initiative_id = ?",
                    e.path("to").asText(), subject);
            case "InitiativeDropped" -> facts.update("UPDATE initiative_facts SET status = 'DROPPED' WHERE initiative_id = ?", subject);
            case "ItemCreated" -> facts.update("""
                    INSERT INTO item_facts (item_id, product_id, title, status, created_at) VALUES (?, ?, ?, 'NEW', ?)
                    ON CONFLICT DO NOTHING""", subject, event.productId(), e.path("title").asText(), at);
            case "ItemDetailsEdited" -> facts.update("UPDATE item_facts SET title = ? WHERE item_id = ?", e.path("title").asText(), subject);
            case "ItemLinkedToInitiative" -> facts.update("UPDATE item_facts SET initiative_id = ? WHERE item_id = ?",
                    UUID.fromString(e.path("initiativeId").asText()), subject);
            case "ItemUnlinkedFromInitiative" -> facts.update("UPDATE item_facts SET initiative_id = NULL WHERE item_id = ?", subject);
            case "ItemMadeReady", "WorkPaused" -> status(subject, "READY");
            case "ItemReturnedToNew" -> status(subject, "NEW");
            case "WorkStarted", "ItemRejected" -> status(subject, "IN_PROGRESS");
            case "WorkFinished" -> status(subject, "DONE");
            case "ItemAccepted" -> facts.update("UPDATE item_facts SET status = 'ACCEPTED', accepted_at = ? WHERE item_id = ?", at, subject);
            default -> {
                return;
            }
        }
        changes.markChanged(event.productId(), Metric.changedBy(event.name()), event);
    }

    private void status(UUID item, String status) {
        facts.update("UPDATE item_facts SET status = ? WHERE item_id = ?", status, item);
    }

    private JsonNode read(IncomingEvent event) {
        try {
            return json.readTree(event.payload());
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable " + event.type() + " payload", e);
        }
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    private static BigDecimal decimal(JsonNode node) {
        return node.isNumber() ? node.decimalValue() : null;
    }

}
