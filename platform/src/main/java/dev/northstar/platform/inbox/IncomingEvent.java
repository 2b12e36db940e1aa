package dev.northstar.platform.inbox;

import dev.northstar.contracts.CloudEventTypes;
import dev.northstar.contracts.Headers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** An event read from Kafka: the CloudEvents attributes from the record headers and the JSON payload. */
public record IncomingEvent(
        String id,
        String type,
        String source,
        String subject,
        UUID productId,
        UUID correlationId,
        String actor,
        Instant time,
        String payload,
        String topic,
        int partition,
        long offset) {

    /** The event name without context and version, e.g. {@code InitiativeMoved}. */
    public String name() {
        return CloudEventTypes.eventNameOf(type);
    }

    public static IncomingEvent from(ConsumerRecord<String, String> record) {
        String id = header(record, Headers.ID);
        String type = header(record, Headers.TYPE);
        if (id == null || type == null) {
            throw new IllegalArgumentException("record " + record.topic() + "/" + record.partition() + "@" + record.offset()
                    + " is not a CloudEvent: ce_id or ce_type missing");
        }
        String productId = header(record, Headers.PRODUCT_ID);
        String correlationId = header(record, Headers.CORRELATION_ID);
        String time = header(record, Headers.TIME);
        return new IncomingEvent(id, type, header(record, Headers.SOURCE), header(record, Headers.SUBJECT),
                productId == null ? null : UUID.fromString(productId),
                correlationId == null ? null : UUID.fromString(correlationId),
                header(record, Headers.ACTOR),
                time == null ? Instant.ofEpochMilli(record.timestamp()) : Instant.parse(time),
                record.value(), record.topic(), record.partition(), record.offset());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
