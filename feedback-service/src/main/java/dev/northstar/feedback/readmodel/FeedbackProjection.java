package dev.northstar.feedback.readmodel;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.feedback.application.FeedbackRepositories;
import dev.northstar.feedback.domain.Feedback;
import dev.northstar.feedback.domain.FeedbackEvent;
import dev.northstar.feedback.domain.Target;
import dev.northstar.platform.eventstore.EventSourcedRepository;
import dev.northstar.platform.eventstore.Projection;
import dev.northstar.platform.eventstore.StoredEvent;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.List;

/** Keeps feedback_entries in step with the feedback streams, for search and filters. */
@ApplicationScoped
public class FeedbackProjection implements Projection {
    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final EventSourcedRepository<Feedback, FeedbackEvent> feedback;

    public FeedbackProjection(AgroalDataSource dataSource, ObjectMapper json,
                              EventSourcedRepository<Feedback, FeedbackEvent> feedback) {
        this.dataSource = dataSource;
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
        try (Connection connection = dataSource.getConnection()) {
            Feedback state = null;
            if (first.streamVersion() > 1) {
                try (PreparedStatement ps = connection.prepareStatement("SELECT entry::text FROM feedback_entries WHERE feedback_id = ?")) {
                    ps.setObject(1, first.streamId());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        state = json.readValue(rs.getString(1), Feedback.class);
                    }
                }
            }
            for (StoredEvent event : events) {
                state = feedback.evolve(state, feedback.types().deserialize(event));
            }
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO feedback_entries (feedback_id, product_id, source, customer_id, account, segment, rating,
                        sentiment, status, tags, links, text, version, created_at, updated_at, entry)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                    ON CONFLICT (feedback_id) DO UPDATE SET status = excluded.status, tags = excluded.tags,
                        links = excluded.links, version = excluded.version, updated_at = excluded.updated_at,
                        entry = excluded.entry""")) {
                Timestamp at = Timestamp.from(last.metadata().occurredAt());
                ps.setObject(1, state.id());
                ps.setObject(2, state.productId());
                ps.setString(3, state.source().name());
                ps.setString(4, state.customer().customerId());
                ps.setString(5, state.customer().account());
                ps.setString(6, state.customer().segment());
                ps.setObject(7, state.rating());
                ps.setString(8, state.sentiment().label().name());
                ps.setString(9, state.status().name());
                ps.setArray(10, connection.createArrayOf("text", state.tags().stream().sorted().toArray()));
                ps.setArray(11, connection.createArrayOf("uuid", state.links().stream().map(Target::id).toArray()));
                ps.setString(12, state.text());
                ps.setInt(13, last.streamVersion());
                ps.setTimestamp(14, at);
                ps.setTimestamp(15, at);
                ps.setString(16, json.writeValueAsString(state));
                ps.executeUpdate();
            }
        } catch (Exception e) {
            throw new IllegalStateException("projecting feedback " + first.streamId() + " failed", e);
        }
    }

    @Override
    public void reset() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement("DELETE FROM feedback_entries")) {
            ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
