package dev.northstar.feedback.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.feedback.application.FeedbackRepositories;
import dev.northstar.feedback.domain.CustomerIds;
import dev.northstar.feedback.domain.Feedback;
import dev.northstar.feedback.domain.FeedbackEvent;
import dev.northstar.feedback.domain.Target;
import dev.northstar.platform.eventstore.EventSourcedRepository;
import dev.northstar.platform.eventstore.Projection;
import dev.northstar.platform.eventstore.StoredEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;

/** Keeps feedback_entries in step with the feedback streams, for search and filters. */
@ApplicationScoped
public class FeedbackProjection implements Projection {
    private final FeedbackEntries entries;
    private final ObjectMapper json;
    private final EventSourcedRepository<Feedback, FeedbackEvent> feedback;

    public FeedbackProjection(FeedbackEntries entries, ObjectMapper json,
                              EventSourcedRepository<Feedback, FeedbackEvent> feedback) {
        this.entries = entries;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.feedback = feedback;
    }

    @Override
    public String name() {
        return "feedback-entries";
    }

    @Override
    public String streamType() {
        return FeedbackRepositories.FEEDBACK;
    }

    @Override
    public void apply(List<StoredEvent> events) {
        StoredEvent first = events.getFirst();
        StoredEvent last = events.getLast();
        FeedbackEntry row = first.streamVersion() == 1 ? null : entries.findById(first.streamId());
        if (first.streamVersion() > 1 && row == null) {
            throw new IllegalStateException("no read-model row for feedback " + first.streamId());
        }
        Feedback state = row == null ? null : read(row.state);
        for (StoredEvent event : events) {
            state = feedback.evolve(state, feedback.read(event));
        }
        boolean created = row == null;
        if (created) {
            row = new FeedbackEntry();
            row.feedbackId = state.id();
            row.productId = state.productId();
            row.createdAt = first.metadata().occurredAt();
        }
        fill(row, state, last);
        if (created) {
            // after the fields are set: Hibernate inserts the row as it was when persisted
            entries.persist(row);
        }
    }

    /**
     * Folds a whole feedback stream again into its row, reading every event anew: after the customer's erasure their
     * id, account and text read as erased there too.
     */
    public void refold(List<StoredEvent> events) {
        FeedbackEntry row = entries.findById(events.getFirst().streamId());
        Feedback state = null;
        for (StoredEvent event : events) {
            state = feedback.evolve(state, feedback.read(event));
        }
        fill(row, state, events.getLast());
    }

    private void fill(FeedbackEntry row, Feedback state, StoredEvent last) {
        row.source = state.source().name();
        row.customerId = state.customer().customerId();
        row.customerKey = CustomerIds.normalized(row.customerId);
        row.account = state.customer().account();
        row.segment = state.customer().segment();
        row.rating = state.rating();
        row.sentiment = state.sentiment().label().name();
        row.status = state.status().name();
        row.tags = state.tags().stream().sorted().toArray(String[]::new);
        row.links = state.links().stream().map(Target::id).toArray(UUID[]::new);
        row.text = state.text();
        row.foldedUpTo(last, write(state));
    }

    @Override
    public void reset() {
        entries.deleteAll();
    }

    private Feedback read(String entry) {
        try {
            return json.readValue(entry, Feedback.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable read-model row", e);
        }
    }

    private String write(Feedback state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("feedback " + state.id() + " not writable as JSON", e);
        }
    }
}
