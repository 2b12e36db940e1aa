package dev.northstar.platform.messaging;

import dev.northstar.contracts.Headers;
import dev.northstar.platform.kafka.KafkaClients;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.health.Readiness;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The dead letters of each consumer, read back from the dead-letter topics of the topics it reads
 * ({@code <topic>.dlt}, where the records name the consumer that gave up on them): listed with their reasons, and re-driven through the same {@link Inbox} once their
 * cause is fixed. A dead letter whose event id is in the consumer's inbox has been applied (re-driven); a re-drive
 * applies each event at most once.
 */
@ApplicationScoped
public class DeadLetters {
    /** The dead-letter headers (SmallRye's names): why, and where the record came from. */
    static final String REASON = "dead-letter-reason";
    static final String ORIGINAL_TOPIC = "dead-letter-topic";
    static final String ORIGINAL_PARTITION = "dead-letter-partition";
    static final String ORIGINAL_OFFSET = "dead-letter-offset";
    static final String EXCEPTION_CLASS = "dead-letter-exception-class-name";

    private static final int REDRIVE_ATTEMPTS = 5;

    private final EventConsumers consumers;
    private final Inbox inbox;
    private final KafkaClients kafka;
    private final ConsumerHealth health;

    public DeadLetters(EventConsumers consumers, Inbox inbox, KafkaClients kafka, @Readiness ConsumerHealth health) {
        this.consumers = consumers;
        this.health = health;
        this.inbox = inbox;
        this.kafka = kafka;
    }

    public record DeadLetter(String eventId, String type, String subject, String productId, String reason,
                             String originalTopic, Integer originalPartition, Long originalOffset, Instant deadLetteredAt,
                             boolean redriven) {
    }

    public record Redriven(String eventId, String outcome, String reason) {
    }

    /** Every dead letter of a consumer, once per event, oldest first; {@code redriven} says whether it has been applied since. */
    public List<DeadLetter> list(String consumer) {
        return read(consumer).values().stream().map(record -> describe(consumer, record)).toList();
    }

    /** Re-drives the consumer's dead letters not applied yet (all of them, or those with the given event ids). */
    public List<Redriven> redrive(String consumer, Set<String> eventIds) {
        EventConsumer<?> target = consumers.named(consumer).orElseThrow();
        List<Redriven> results = new ArrayList<>();
        for (Map.Entry<String, ConsumerRecord<String, String>> letter : read(consumer).entrySet()) {
            if (!eventIds.isEmpty() && !eventIds.contains(letter.getKey())) {
                continue;
            }
            if (inbox.handled(consumer, letter.getKey())) {
                results.add(new Redriven(letter.getKey(), Inbox.Outcome.ALREADY_APPLIED.name(), null));
                continue;
            }
            try {
                Inbox.Outcome outcome = inbox.apply(target, asOriginal(letter.getValue()), REDRIVE_ATTEMPTS);
                // the dead letter stays on its topic: its inbox row outlives retention, so a second re-drive is a no-op
                inbox.keep(consumer, letter.getKey());
                results.add(new Redriven(letter.getKey(), outcome.name(), null));
            } catch (PermanentFailure | Inbox.StillFailing failure) {
                results.add(new Redriven(letter.getKey(), "FAILED", failure.getMessage()));
            }
        }
        return results;
    }

    private DeadLetter describe(String consumer, ConsumerRecord<String, String> record) {
        String partition = header(record, ORIGINAL_PARTITION);
        String offset = header(record, ORIGINAL_OFFSET);
        String eventId = header(record, Headers.ID);
        return new DeadLetter(eventId, header(record, Headers.TYPE), header(record, Headers.SUBJECT),
                header(record, Headers.PRODUCT_ID), header(record, REASON), header(record, ORIGINAL_TOPIC),
                partition == null ? null : Integer.valueOf(partition), offset == null ? null : Long.valueOf(offset),
                Instant.ofEpochMilli(record.timestamp()), eventId != null && inbox.handled(consumer, eventId));
    }

    /** The dead-lettered record as it was on its original topic (the decoder reads the position from it). */
    private static ConsumerRecord<String, String> asOriginal(ConsumerRecord<String, String> letter) {
        String topic = header(letter, ORIGINAL_TOPIC);
        String partition = header(letter, ORIGINAL_PARTITION);
        String offset = header(letter, ORIGINAL_OFFSET);
        ConsumerRecord<String, String> original = new ConsumerRecord<>(topic == null ? letter.topic() : topic,
                partition == null ? letter.partition() : Integer.parseInt(partition),
                offset == null ? letter.offset() : Long.parseLong(offset), letter.key(), letter.value());
        letter.headers().forEach(header -> original.headers().add(header));
        return original;
    }

    /**
     * The consumer's records on its dead-letter topics, from their beginning to their current end, by event id
     * (records without one by position).
     */
    private Map<String, ConsumerRecord<String, String>> read(String consumer) {
        String group = health.group(consumer);
        Map<String, ConsumerRecord<String, String>> letters = new LinkedHashMap<>();
        try (Consumer<String, String> reader = kafka.reader()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : consumers.deadLetterTopicsOf(consumer)) {
                reader.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions, Duration.ofSeconds(10));
            while (!reachedEnd(reader, end.entrySet())) {
                for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
                    if (!group.equals(header(record, Headers.DLT_CONSUMER))) {
                        continue;
                    }
                    String id = header(record, Headers.ID);
                    letters.putIfAbsent(id != null ? id : record.partition() + "@" + record.offset(), record);
                }
            }
        }
        return letters;
    }

    private static boolean reachedEnd(Consumer<String, String> reader, Collection<Map.Entry<TopicPartition, Long>> end) {
        return end.stream().allMatch(e -> reader.position(e.getKey(), Duration.ofSeconds(10)) >= e.getValue());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
