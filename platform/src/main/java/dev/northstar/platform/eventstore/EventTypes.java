package dev.northstar.platform.eventstore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.northstar.contracts.CloudEventTypes;

/**
 * Maps the records of a sealed event interface to stored type names and back.
 * The stored type is the record's simple name; the published CloudEvents type adds context and version.
 */
public final class EventTypes<E> {
    private final String context;
    private final Map<String, Class<? extends E>> byName;
    private final ObjectMapper json;

    @SuppressWarnings("unchecked")
    public EventTypes(Class<E> sealedInterface, String context, ObjectMapper json) {
        if (!sealedInterface.isSealed()) {
            throw new IllegalArgumentException(sealedInterface + " must be a sealed interface of event records");
        }
        this.context = context;
        // Stored and published events are read tolerantly: a field added later must not break old readers.
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        this.byName = Arrays.stream(sealedInterface.getPermittedSubclasses())
                .map(c -> (Class<? extends E>) c)
                .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));
    }

    public String context() {
        return context;
    }

    public String nameOf(E event) {
        return event.getClass().getSimpleName();
    }

    public String cloudEventTypeOf(String eventName) {
        return CloudEventTypes.of(context, eventName, 1);
    }

    public String serialize(E event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + event, e);
        }
    }

    public E deserialize(String eventName, String payload) {
        Class<? extends E> type = byName.get(eventName);
        if (type == null) {
            throw new IllegalArgumentException("unknown " + context + " event type " + eventName);
        }
        try {
            return json.readValue(payload, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read " + eventName + " payload", e);
        }
    }

    public E deserialize(StoredEvent stored) {
        return deserialize(stored.eventType(), stored.payload());
    }
}
