package dev.northstar.platform.outbox;

import dev.northstar.platform.tracing.MessageTracing;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Queues messages for Kafka in the caller's transaction: they are published by the {@link OutboxRelay}
 * if and only if the transaction commits, in the order they were queued.
 */
@ApplicationScoped
public class Outbox {
    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final MessageTracing tracing;
    private final OutboxListener listener;

    public Outbox(AgroalDataSource dataSource, ObjectMapper json, MessageTracing tracing, OutboxListener listener) {
        this.listener = listener;
        this.dataSource = dataSource;
        this.json = json;
        this.tracing = tracing;
    }

    public record Message(UUID id, String topic, String key, Map<String, String> headers, String payload) {
    }

    /** A message's headers as its outbox row stores them: with the current trace context, as JSON. */
    public String encodeHeaders(Map<String, String> headers) {
        try {
            return json.writeValueAsString(tracing.withCurrentContext(headers));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox headers could not be written", e);
        }
    }

    /** Tells the listener of events queued in the caller's transaction (the event store queues its own). */
    public void queued(Collection<UUID> eventIds) {
        listener.queued(eventIds);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(
                     "INSERT INTO outbox (event_id, topic, message_key, headers, payload) VALUES (?, ?, ?, ?::jsonb, ?)")) {
            for (Message message : messages) {
                ps.setObject(1, message.id());
                ps.setString(2, message.topic());
                ps.setString(3, message.key());
                ps.setString(4, encodeHeaders(message.headers()));
                ps.setString(5, message.payload());
                ps.addBatch();
            }
            ps.executeBatch();
            queued(messages.stream().map(Message::id).toList());
        } catch (Exception e) {
            throw new IllegalStateException("outbox write failed", e);
        }
    }
}
