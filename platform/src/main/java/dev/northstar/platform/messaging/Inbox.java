package dev.northstar.platform.messaging;

import dev.northstar.contracts.Headers;
import dev.northstar.contracts.Topics;
import dev.northstar.contracts.events.PublishedEvent;
import dev.northstar.platform.jdbc.Sql;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.TracingMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
    private final ConsumerHealth health;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private volatile boolean stopping;

    public Inbox(Sql sql, EventDecoder decoder, @Readiness ConsumerHealth health,
                 @ConfigProperty(name = "northstar.consumers.initial-backoff", defaultValue = "PT0.1S") Duration initialBackoff,
                 @ConfigProperty(name = "northstar.consumers.max-backoff", defaultValue = "PT5S") Duration maxBackoff) {
        this.sql = sql;
        this.decoder = decoder;
        this.health = health;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Hands a message of a consumer's {@code @Incoming} channel to the consumer on a worker thread; acks or
     * dead-letters it. Call it from a method without {@code @Blocking}: the connector hands each copy of the channel
     * its next record only once this one completes, so a partition keeps its order while the copies run in
     * parallel. (With {@code @Blocking}, the records of every copy waited in one queue: ordered blocking work runs
     * in order per Vert.x context, and the copies' records shared one.)
     */
    public <E extends PublishedEvent> CompletionStage<Void> deliver(EventConsumer<E> consumer, Message<String> message) {
        try {
            return CompletableFuture.supplyAsync(() -> deliverNow(consumer, message), Infrastructure.getDefaultWorkerPool())
                    .thenCompose(done -> done);
        } catch (RejectedExecutionException stopping) {
            // the worker pool is shutting down: leave the record unacknowledged (a failed stage would dead-letter it)
            return new CompletableFuture<>();
        }
    }

    private <E extends PublishedEvent> CompletionStage<Void> deliverNow(EventConsumer<E> consumer, Message<String> message) {
        @SuppressWarnings("unchecked")
        ConsumerRecord<String, String> record = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> (ConsumerRecord<String, String>) metadata.getRecord())
                .orElseThrow(() -> new IllegalStateException("channel " + consumer.name() + " is not a Kafka channel"));
        LOG.debugf("consumer %s receives %s/%d@%d", consumer.name(), record.topic(), record.partition(), record.offset());
        Context trace = TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext).orElse(Context.current());
        try (Scope ignored = trace.makeCurrent()) {
            apply(consumer, record, Integer.MAX_VALUE);
            return message.ack();
        } catch (PermanentFailure failure) {
            LOG.errorf("consumer %s dead-letters %s/%d@%d: %s", consumer.name(), record.topic(), record.partition(),
                    record.offset(), failure.getMessage());
            health.deadLettered(consumer.name());
            // The record's offset is committed only once the dead-letter topic has it (the connector acks it then),
            // so the next record need not wait for that write: a poison burst does not slow the partition down.
            message.nack(failure, Metadata.of(OutgoingKafkaRecordMetadata.builder()
                    .withTopic(Topics.deadLetterTopicOf(record.topic()))
                    .withHeaders(List.of(new RecordHeader(Headers.DLT_CONSUMER, health.group(consumer.name()).getBytes(StandardCharsets.UTF_8))))
                    .build()));
            return CompletableFuture.completedFuture(null);
        } catch (StillFailing stopped) {
            // the service is stopping while the record still fails: leave it unacknowledged, so it is read again
            return new CompletableFuture<>();
        }
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
        Optional<ReceivedEvent<PublishedEvent>> decoded = decoder.decode(record);
        if (decoded.isEmpty() || !consumer.accepts().isInstance(decoded.get().payload())) {
            return Outcome.SKIPPED;
        }
        @SuppressWarnings("unchecked")
        ReceivedEvent<E> event = (ReceivedEvent<E>) (ReceivedEvent<?>) decoded.get();
        if (!consumer.affects(event.payload())) {
            return Outcome.SKIPPED;
        }
        Duration backoff = initialBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                boolean first = QuarkusTransaction.requiringNew().call(() -> {
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
                LOG.warnf("consumer %s retries %s/%d@%d in %d ms (attempt %d): %s", consumer.name(), record.topic(),
                        record.partition(), record.offset(), backoff.toMillis(), attempt, Failures.reason(failure));
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    /** Forgets every event a consumer handled, so that a replay handles them again. Joins the caller's transaction. */
    public void forget(String consumer) {
        sql.update("DELETE FROM inbox WHERE consumer = ?", consumer);
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
