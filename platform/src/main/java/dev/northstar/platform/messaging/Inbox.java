package dev.northstar.platform.messaging;

import dev.northstar.contracts.Headers;
import dev.northstar.contracts.Topics;
import dev.northstar.contracts.events.PublishedEvent;
import dev.northstar.platform.jdbc.Sql;
import dev.northstar.platform.kafka.KafkaClients;
import dev.northstar.platform.tracing.MessageTracing;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * The one wrapper around every consumer: decodes a record into its contract record, applies it in a transaction
 * together with its inbox row (so a redelivery changes nothing), retries a transient failure in place with capped
 * exponential backoff for as long as it lasts (holding the partition), and sends a permanent failure to the
 * dead-letter topic of the record's topic ({@code <topic>.dlt}) at once, with the reason, the consumer and the
 * original position in headers.
 */
@ApplicationScoped
public class Inbox {
    private static final Logger LOG = Logger.getLogger(Inbox.class);

    public enum Outcome {
        APPLIED, ALREADY_APPLIED, SKIPPED
    }

    private final Sql sql;
    private final EventDecoder decoder;
    private final KafkaClients kafka;
    private final MessageTracing tracing;
    private final ConsumerHealth health;
    private final ConsumerPositions positions;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private volatile boolean stopping;
    private Producer<String, String> deadLetterProducer;

    public Inbox(Sql sql, EventDecoder decoder, KafkaClients kafka, MessageTracing tracing, @Readiness ConsumerHealth health,
                 ConsumerPositions positions,
                 @ConfigProperty(name = "northstar.consumers.initial-backoff", defaultValue = "PT0.1S") Duration initialBackoff,
                 @ConfigProperty(name = "northstar.consumers.max-backoff", defaultValue = "PT5S") Duration maxBackoff) {
        this.sql = sql;
        this.decoder = decoder;
        this.kafka = kafka;
        this.tracing = tracing;
        this.health = health;
        this.positions = positions;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @PreDestroy
    synchronized void closeProducer() {
        if (deadLetterProducer != null) {
            deadLetterProducer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Hands one poll of a consumer's {@code @Incoming} channel (a batch: {@code batch=true} on the channel) to the
     * consumer on a worker thread, applies its records one after the other, each in its own transaction as
     * {@link #apply} does, sends those that fail permanently to the dead-letter topic, and acks the batch once the
     * dead-letter topic has them. One hand-over per poll rather than per record: on a loaded machine each hand-over
     * between threads cost milliseconds, and the consumers spent most of their time waiting for the next record.
     * Call it from a method without {@code @Blocking}: the connector hands each copy of the channel its next batch
     * only once this one completes, so a partition keeps its order while the copies run in parallel. (With
     * {@code @Blocking}, the work of every copy waited in one queue: ordered blocking work runs in order per Vert.x
     * context, and the copies shared one.)
     */
    public <E extends PublishedEvent> CompletionStage<Void> deliverAll(EventConsumer<E> consumer, Message<List<String>> batch) {
        try {
            return CompletableFuture.supplyAsync(() -> deliverAllNow(consumer, batch), Infrastructure.getDefaultWorkerPool())
                    .thenCompose(done -> done);
        } catch (RejectedExecutionException stopping) {
            // the worker pool is shutting down: leave the batch unacknowledged, so it is read again
            return new CompletableFuture<>();
        }
    }

    private <E extends PublishedEvent> CompletionStage<Void> deliverAllNow(EventConsumer<E> consumer, Message<List<String>> batch) {
        @SuppressWarnings("unchecked")
        IncomingKafkaRecordBatchMetadata<String, String> metadata = batch.getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .orElseThrow(() -> new IllegalStateException("channel " + consumer.name() + " is not a batched Kafka channel"));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        metadata.getRecords().forEach(records::add);
        try {
            applyTogether(consumer, records);
        } catch (PermanentFailure oneOfThem) {
            // a record of the batch cannot be applied: nothing of the batch was, so apply them one by one
            return applyOneByOne(consumer, batch, records);
        } catch (StillFailing stopped) {
            // the service is stopping while the batch still fails: leave it unacknowledged, so it is read again
            return new CompletableFuture<>();
        }
        return batch.ack();
    }

    /**
     * Applies a batch's records in one transaction, each at most once and in order: one statement records the ids of
     * the events the consumer handles in its inbox (those already there are redeliveries, and skipped), then each new
     * event is handled. A transient failure is retried as {@link #apply} retries it; a permanent one of any record
     * rolls the whole back and is thrown.
     */
    private <E extends PublishedEvent> void applyTogether(EventConsumer<E> consumer, List<ConsumerRecord<String, String>> records) {
        List<ReceivedEvent<E>> events = new ArrayList<>();
        List<ConsumerRecord<String, String>> sources = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            Optional<ReceivedEvent<E>> event = decodeFor(consumer, record);
            if (event.isPresent()) {
                events.add(event.get());
                sources.add(record);
            }
        }
        if (records.isEmpty()) {
            return;
        }
        // a batch of records the consumer skips still moves its position: a read waiting for one of them goes on
        inTransactionRetrying(consumer, records.size() + " records from " + position(records.getFirst()), Integer.MAX_VALUE, () -> {
            Set<String> firstDeliveries = events.isEmpty() ? Set.of() : firstDeliveries(consumer, events);
            for (int i = 0; i < events.size(); i++) {
                ReceivedEvent<E> event = events.get(i);
                if (firstDeliveries.remove(event.id().toString())) {
                    try (Scope ignored = tracing.contextOf(sources.get(i)).makeCurrent()) {
                        consumer.handle(event);
                    }
                }
            }
            positions.applied(consumer.name(), records);
            return null;
        });
        events.forEach(event -> health.applied(consumer.name(), event.time()));
    }

    /** Each record in its own transaction, as {@link #apply}; those that fail permanently go to the dead-letter topic. */
    private <E extends PublishedEvent> CompletionStage<Void> applyOneByOne(EventConsumer<E> consumer, Message<List<String>> batch,
                                                                           List<ConsumerRecord<String, String>> records) {
        List<ProducerRecord<String, String>> deadLetters = new ArrayList<>();
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            try (Scope ignored = tracing.contextOf(record).makeCurrent()) {
                apply(consumer, record, Integer.MAX_VALUE);
            } catch (PermanentFailure failure) {
                LOG.errorf("consumer %s dead-letters %s/%d@%d: %s", consumer.name(), record.topic(), record.partition(),
                        record.offset(), failure.getMessage());
                health.deadLettered(consumer.name());
                ProducerRecord<String, String> letter = deadLetter(consumer, record, failure);
                deadLetters.add(letter);
                sent.add(deadLetterProducer().send(letter));
            } catch (StillFailing stopped) {
                return new CompletableFuture<>();
            }
        }
        // The batch's offsets are committed only once the dead-letter topic has its dead letters.
        for (int i = 0; i < sent.size(); i++) {
            awaitSent(consumer, deadLetters.get(i), sent.get(i));
        }
        try {
            // after the dead letters: a dead-lettered record is done with (until it is re-driven)
            inTransactionRetrying(consumer, "the position of " + position(records.getLast()), Integer.MAX_VALUE, () -> {
                positions.applied(consumer.name(), records);
                return null;
            });
        } catch (StillFailing stopped) {
            return new CompletableFuture<>();
        }
        return batch.ack();
    }

    /** The record for the dead-letter topic: the original key, value and headers, and why and where it failed. */
    private ProducerRecord<String, String> deadLetter(EventConsumer<?> consumer, ConsumerRecord<String, String> record,
                                                      PermanentFailure failure) {
        ProducerRecord<String, String> letter = new ProducerRecord<>(Topics.deadLetterTopicOf(record.topic()), null,
                record.key(), record.value(), record.headers());
        letter.headers().add(DeadLetters.REASON, utf8(failure.getMessage()));
        letter.headers().add(DeadLetters.ORIGINAL_TOPIC, utf8(record.topic()));
        letter.headers().add(DeadLetters.ORIGINAL_PARTITION, utf8(String.valueOf(record.partition())));
        letter.headers().add(DeadLetters.ORIGINAL_OFFSET, utf8(String.valueOf(record.offset())));
        letter.headers().add(DeadLetters.EXCEPTION_CLASS, utf8(failure.getCause() == null
                ? failure.getClass().getName() : failure.getCause().getClass().getName()));
        letter.headers().add(Headers.DLT_CONSUMER, utf8(health.group(consumer.name())));
        return letter;
    }

    /** Waits until a dead letter is on its topic; a send that failed (the broker was away) is sent again until it is. */
    private void awaitSent(EventConsumer<?> consumer, ProducerRecord<String, String> letter, Future<RecordMetadata> sending) {
        Duration backoff = initialBackoff;
        while (true) {
            try {
                sending.get();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StillFailing(e);
            } catch (ExecutionException failed) {
                if (stopping) {
                    throw new StillFailing(failed.getCause());
                }
                LOG.warnf("consumer %s could not send a dead letter to %s, sending again in %d ms: %s", consumer.name(),
                        letter.topic(), backoff.toMillis(), failed.getCause());
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
                sending = deadLetterProducer().send(letter);
            }
        }
    }

    private synchronized Producer<String, String> deadLetterProducer() {
        if (deadLetterProducer == null) {
            deadLetterProducer = kafka.producer("dead-letters");
        }
        return deadLetterProducer;
    }

    private static byte[] utf8(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Applies one record at most once: decodes it, and in one transaction records its id in the inbox and applies
     * it. A transient failure is retried (up to {@code maxAttempts}, then {@link StillFailing}); a permanent one is
     * a {@link PermanentFailure}.
     */
    public <E extends PublishedEvent> Outcome apply(EventConsumer<E> consumer, ConsumerRecord<String, String> record,
                                                    int maxAttempts) {
        return apply(consumer, record, maxAttempts, null);
    }

    /**
     * As {@link #apply(EventConsumer, ConsumerRecord, int)}; with a {@code schema}, the consumer's unqualified tables
     * (the inbox among them) are those of that schema: how a rebuild fills its copies.
     */
    <E extends PublishedEvent> Outcome apply(EventConsumer<E> consumer, ConsumerRecord<String, String> record,
                                             int maxAttempts, String schema) {
        Optional<ReceivedEvent<E>> decoded = decodeFor(consumer, record);
        if (decoded.isEmpty()) {
            return Outcome.SKIPPED;
        }
        ReceivedEvent<E> event = decoded.get();
        boolean first = inTransactionRetrying(consumer, position(record), maxAttempts, () -> {
            if (schema != null) {
                sql.query("SELECT set_config('search_path', ?, true)", rs -> 1, schema + ", public");
            }
            if (!firstDelivery(consumer, event, schema == null && consumer instanceof RebuildableConsumer<?>)) {
                return false;
            }
            consumer.handle(event);
            return true;
        });
        health.applied(consumer.name(), event.time());
        return first ? Outcome.APPLIED : Outcome.ALREADY_APPLIED;
    }

    /**
     * Runs {@code work} in a new transaction until it commits: a transient failure is retried with capped exponential
     * backoff (up to {@code maxAttempts}, or until the service stops, then {@link StillFailing}); any other failure is
     * a {@link PermanentFailure}.
     */
    private <T> T inTransactionRetrying(EventConsumer<?> consumer, String what, int maxAttempts, Callable<T> work) {
        Duration backoff = initialBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work);
            } catch (PermanentFailure failure) {
                throw failure;
            } catch (RuntimeException failure) {
                if (!Failures.isTransient(failure)) {
                    throw new PermanentFailure(Failures.reason(failure), failure);
                }
                health.retrying(consumer.name(), failure);
                if (attempt >= maxAttempts || stopping) {
                    throw new StillFailing(failure);
                }
                LOG.warnf("consumer %s retries %s in %d ms (attempt %d): %s", consumer.name(), what, backoff.toMillis(),
                        attempt, Failures.reason(failure));
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    private static String position(ConsumerRecord<String, String> record) {
        return record.topic() + "/" + record.partition() + "@" + record.offset();
    }

    /** The record's event, if it is one the consumer handles (an unknown type, or one it does not take, is not). */
    private <E extends PublishedEvent> Optional<ReceivedEvent<E>> decodeFor(EventConsumer<E> consumer, ConsumerRecord<String, String> record) {
        Optional<ReceivedEvent<PublishedEvent>> decoded = decoder.decode(record);
        if (decoded.isEmpty() || !consumer.accepts().isInstance(decoded.get().payload())) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        ReceivedEvent<E> event = (ReceivedEvent<E>) (ReceivedEvent<?>) decoded.get();
        return consumer.affects(event.payload()) ? Optional.of(event) : Optional.empty();
    }

    /**
     * Records the events in the consumer's inbox in one statement, under the shared side of its rebuild lock (as
     * {@link #firstDelivery}); answers the ids that were not there yet.
     */
    private Set<String> firstDeliveries(EventConsumer<?> consumer, List<? extends ReceivedEvent<?>> events) {
        String[] ids = events.stream().map(event -> event.id().toString()).toArray(String[]::new);
        List<String> inserted = consumer instanceof RebuildableConsumer<?>
                ? sql.query("""
                        WITH rebuild_lock AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(?))
                        INSERT INTO inbox (consumer, event_id) SELECT ?, id FROM rebuild_lock, unnest(?::text[]) AS id
                        ON CONFLICT DO NOTHING RETURNING event_id""",
                        rs -> rs.getString(1), ConsumerRebuilds.lockKey(consumer.name()), consumer.name(), ids)
                : sql.query("""
                        INSERT INTO inbox (consumer, event_id) SELECT ?, id FROM unnest(?::text[]) AS id
                        ON CONFLICT DO NOTHING RETURNING event_id""", rs -> rs.getString(1), consumer.name(), ids);
        return new HashSet<>(inserted);
    }

    /** Forgets every event a consumer handled, so that a replay handles them again. Joins the caller's transaction. */
    public void forget(String consumer) {
        sql.update("DELETE FROM inbox WHERE consumer = ?", consumer);
    }

    /** Keeps an event's inbox row past retention. */
    public void keep(String consumer, String eventId) {
        sql.update("UPDATE inbox SET keep = true WHERE consumer = ? AND event_id = ?", consumer, eventId);
    }

    public boolean handled(String consumer, String eventId) {
        return sql.exists("SELECT 1 FROM inbox WHERE consumer = ? AND event_id = ?", consumer, eventId);
    }

    /**
     * Records the event in the consumer's inbox; false if it was there already. With {@code underRebuildLock}, first
     * takes the shared side of the consumer's rebuild lock (in the same round trip): a rebuild puts its tables in
     * place under the exclusive side, between two live transactions.
     */
    private boolean firstDelivery(EventConsumer<?> consumer, ReceivedEvent<?> event, boolean underRebuildLock) {
        if (underRebuildLock) {
            return sql.update("""
                    WITH rebuild_lock AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(?))
                    INSERT INTO inbox (consumer, event_id) SELECT ?, ? FROM rebuild_lock ON CONFLICT DO NOTHING""",
                    ConsumerRebuilds.lockKey(consumer.name()), consumer.name(), event.id().toString()) == 1;
        }
        return sql.update("INSERT INTO inbox (consumer, event_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                consumer.name(), event.id().toString()) == 1;
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /** A transient failure that outlasted the attempts the caller allowed (or the service is stopping). */
    public static class StillFailing extends RuntimeException {
        StillFailing(Throwable cause) {
            super(Failures.reason(cause), cause);
        }
    }
}
