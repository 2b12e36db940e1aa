package dev.northstar.platform.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.Headers;
import dev.northstar.contracts.events.EventCatalog;
import dev.northstar.contracts.events.PublishedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a Kafka record (CloudEvents 1.0 binary mode) into a {@link ReceivedEvent}. A record that is not a
 * well-formed Northstar event, or whose payload breaks its contract, is a {@link PermanentFailure}; a well-formed
 * event of a type the contracts do not know (published by a newer service) is skipped by tolerant readers.
 */
@ApplicationScoped
public class EventDecoder {
    private final ObjectMapper json;

    public EventDecoder(ObjectMapper json) {
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    public Optional<ReceivedEvent<PublishedEvent>> decode(ConsumerRecord<String, String> record) {
        String id = header(record, Headers.ID);
        String type = header(record, Headers.TYPE);
        if (id == null || type == null) {
            throw new PermanentFailure("not a CloudEvent: " + Headers.ID + " or " + Headers.TYPE + " header missing");
        }
        Optional<Class<? extends PublishedEvent>> eventClass = EventCatalog.eventClassOf(type);
        if (eventClass.isEmpty()) {
            return Optional.empty();
        }
        if (record.value() == null) {
            throw new PermanentFailure(type + " " + id + " has no payload");
        }
        PublishedEvent payload;
        try {
            payload = json.readValue(record.value(), eventClass.get());
        } catch (Exception e) {
            throw new PermanentFailure("unreadable " + type + " payload: " + Failures.reason(e), e);
        }
        String time = header(record, Headers.TIME);
        try {
            return Optional.of(new ReceivedEvent<>(UUID.fromString(id), type, header(record, Headers.SOURCE),
                    header(record, Headers.SUBJECT) == null ? record.key() : header(record, Headers.SUBJECT),
                    uuid(header(record, Headers.PRODUCT_ID)), uuid(header(record, Headers.CORRELATION_ID)),
                    header(record, Headers.ACTOR), time == null ? Instant.ofEpochMilli(record.timestamp()) : Instant.parse(time), payload,
                    record.topic(), record.partition(), record.offset()));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new PermanentFailure("malformed CloudEvents attribute of " + type + ": " + e.getMessage(), e);
        }
    }

    private static UUID uuid(String value) {
        return value == null ? null : UUID.fromString(value);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
