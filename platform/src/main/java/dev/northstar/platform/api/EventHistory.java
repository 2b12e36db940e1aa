package dev.northstar.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.platform.eventstore.EventStore;
import dev.northstar.platform.eventstore.PayloadProtection;
import dev.northstar.platform.eventstore.StoredEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The history of an aggregate as the API shows it: every event, oldest first, with who, when and why. */
@ApplicationScoped
public class EventHistory {
    private final EventStore store;
    private final ObjectMapper json;

    public EventHistory(EventStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    public record Entry(UUID eventId, String type, int version, Instant occurredAt, String actor, UUID correlationId,
                        UUID causationId, JsonNode data) {
    }

    /** The events of {@code streamId}; 404 when there are none or they belong to another product. */
    public List<Entry> of(UUID productId, UUID streamId, String what) {
        return of(productId, streamId, what, PayloadProtection.NONE);
    }

    /** The same, with what the store keeps protected revealed (customers' sealed data, say). */
    public List<Entry> of(UUID productId, UUID streamId, String what, PayloadProtection protection) {
        List<StoredEvent> events = store.load(streamId);
        if (events.isEmpty() || !productId.equals(events.getFirst().productId())) {
            throw ProblemException.notFound(what + " " + streamId);
        }
        return events.stream().map(e -> new Entry(e.eventId(), e.eventType(), e.streamVersion(), e.metadata().occurredAt(),
                e.metadata().actor(), e.metadata().correlationId(), e.metadata().causationId(), readTree(protection.reveal(e.payload())))).toList();
    }

    private JsonNode readTree(String payload) {
        try {
            return json.readTree(payload);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable event payload", e);
        }
    }
}
