package dev.northstar.feedback.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.feedback.domain.Vote;
import dev.northstar.feedback.domain.VoteEvent;
import dev.northstar.feedback.readmodel.FeedbackProjection;
import dev.northstar.feedback.readmodel.CustomerSpellings;
import dev.northstar.feedback.readmodel.FeedbackQueries;
import dev.northstar.platform.eventstore.AggregateStateProjection;
import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.eventstore.EventStore;
import dev.northstar.platform.jdbc.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Erases a customer of a product by destroying their data key (crypto-shredding): the events keep what they said
 * sealed, and nothing can open it any more. In the same transaction the read models that keep clear text for search
 * (feedback entries, vote states) are folded again from the events, so they read as erased too, and the stored
 * answers to retried requests that name the customer are dropped.
 */
@ApplicationScoped
public class CustomerErasure {
    /** What an erasure did: the customer, unnamed from now on, and how much of their data it erased. */
    public record Erased(UUID customerRef, int feedback, int votes, Instant erasedAt) {
    }

    private final CustomerKeys keys;
    private final CustomerSpellings spellingsOf;
    private final FeedbackQueries queries;
    private final FeedbackProjection feedbackEntries;
    private final AggregateStateProjection<Vote, VoteEvent> voteStates;
    private final EventStore store;
    private final Sql sql;
    private final ObjectMapper json;

    public CustomerErasure(CustomerKeys keys, CustomerSpellings spellingsOf, FeedbackQueries queries, FeedbackProjection feedbackEntries,
                           AggregateStateProjection<Vote, VoteEvent> voteStates, EventStore store, Sql sql, ObjectMapper json) {
        this.keys = keys;
        this.spellingsOf = spellingsOf;
        this.queries = queries;
        this.feedbackEntries = feedbackEntries;
        this.voteStates = voteStates;
        this.store = store;
        this.sql = sql;
        this.json = json;
    }

    /**
     * Erases the customer under every spelling of their id ({@link CustomerSpellings}: {@code c-102} erases the data
     * of {@code C-102} kept before ids were normalized too). Empty when the product keeps no data of the customer
     * (never did, or erased it already).
     */
    @Transactional
    public Optional<Erased> erase(UUID productId, String customerId, EventMetadata metadata) {
        Set<String> spellings = spellingsOf.of(productId, customerId, FeedbackRepositories.VOTE);
        List<UUID> feedback = queries.ofCustomer(productId, customerId).stream().map(v -> v.state().id()).toList();
        List<UUID> votes = sql.query("""
                SELECT stream_id FROM aggregate_states WHERE stream_type = ? AND product_id = ? AND state ->> 'customerId' = ANY (?)""",
                rs -> rs.getObject(1, UUID.class), FeedbackRepositories.VOTE, productId, spellings.toArray(String[]::new));
        List<UUID> refs = keys.destroy(productId, spellings, metadata);
        if (refs.isEmpty()) {
            return Optional.empty();
        }
        feedback.forEach(id -> feedbackEntries.refold(store.load(id)));
        votes.forEach(id -> voteStates.refold(store.load(id)));
        spellings.forEach(spelling -> sql.update("DELETE FROM idempotency_keys WHERE strpos(body, ?) > 0",
                "\"customerId\":" + quoted(spelling)));
        return Optional.of(new Erased(refs.getFirst(), feedback.size(), votes.size(), metadata.occurredAt()));
    }

    private String quoted(String value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
