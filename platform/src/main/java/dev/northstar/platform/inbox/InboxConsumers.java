package dev.northstar.platform.inbox;

import dev.northstar.platform.tracing.MessageTracing;
import dev.northstar.contracts.Headers;
import dev.northstar.contracts.Topics;
import dev.northstar.platform.kafka.KafkaClients;
import dev.northstar.platform.kafka.TopicBootstrap;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs every {@link IncomingEventHandler} bean on its own consumer thread. A record is retried a
 * bounded number of times with backoff; then it goes to the topic's dead-letter topic with the reason,
 * and the partition moves on. Offsets are committed after the effects, so a crash redelivers, and the
 * inbox turns the redelivery into a no-op.
 */
@ApplicationScoped
public class InboxConsumers {
    private static final Logger LOG = Logger.getLogger(InboxConsumers.class);

    private final Instance<IncomingEventHandler> handlers;
    private final Inbox inbox;
    private final KafkaClients kafka;
    private final TopicBootstrap topics;
    private final String serviceName;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final boolean enabled;
    private final List<Loop> loops = new ArrayList<>();
    private final MeterRegistry registry;
    private final MessageTracing tracing;

    public InboxConsumers(Instance<IncomingEventHandler> handlers, Inbox inbox, KafkaClients kafka, TopicBootstrap topics,
                          @ConfigProperty(name = "quarkus.application.name") String serviceName,
                          @ConfigProperty(name = "northstar.consumers.max-attempts", defaultValue = "5") int maxAttempts,
                          @ConfigProperty(name = "northstar.consumers.initial-backoff", defaultValue = "PT0.2S") Duration initialBackoff,
                          @ConfigProperty(name = "northstar.consumers.enabled", defaultValue = "true") boolean enabled,
                          MeterRegistry registry, MessageTracing tracing) {
        this.handlers = handlers;
        this.tracing = tracing;
        this.inbox = inbox;
        this.kafka = kafka;
        this.topics = topics;
        this.serviceName = serviceName;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.enabled = enabled;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled) {
            return;
        }
        Set<String> consumed = new HashSet<>();
        handlers.forEach(handler -> consumed.addAll(handler.topics()));
        if (!consumed.isEmpty()) {
            topics.ensureExist(consumed);
        }
        for (IncomingEventHandler handler : handlers) {
            Loop loop = new Loop(handler);
            loops.add(loop);
            loop.thread = Thread.ofPlatform().name("consumer-" + handler.name()).daemon().start(loop);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        loops.forEach(Loop::stop);
    }

    /**
     * Rebuilds what a consumer derived from its topics: on the consumer's own thread, between two
     * polls, runs {@code reset} (which must delete the derived state) in a transaction together with
     * the consumer's inbox rows, then rewinds to the beginning of every partition. The consumer then
     * replays every retained event. Completes when the rewind is done, not when the replay is.
     */
    public CompletableFuture<Void> replay(String handlerName, Runnable reset) {
        Loop loop = loops.stream().filter(l -> l.handler.name().equals(handlerName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no consumer " + handlerName));
        Replay replay = new Replay(reset, new CompletableFuture<>());
        loop.replay = replay;
        return replay.done();
    }

    private record Replay(Runnable reset, CompletableFuture<Void> done) {
    }

    private final class Loop implements Runnable {
        private final IncomingEventHandler handler;
        private final String group;
        private volatile boolean running = true;
        private volatile Consumer<String, String> consumer;
        private volatile Replay replay;
        private Thread thread;
        /** How old an event is when this consumer's read model has applied it: the projection lag in time. */
        private final io.micrometer.core.instrument.Timer projectionLag;

        Loop(IncomingEventHandler handler) {
            this.handler = handler;
            this.group = serviceName + "." + handler.name();
            this.projectionLag = io.micrometer.core.instrument.Timer.builder("northstar.projection.lag")
                    .description("time from an event's publication to its application by this consumer")
                    .tag("consumer", group)
                    .publishPercentiles(0.5, 0.95, 0.99)
                    .register(registry);
        }

        @Override
        public void run() {
            while (running) {
                try (Consumer<String, String> c = kafka.consumer(group);
                     Producer<String, String> deadLetters = kafka.producer(handler.name() + "-dlt");
                     KafkaClientMetrics clientMetrics = new KafkaClientMetrics(c, List.of(Tag.of("consumer", group)))) {
                    // records-lag-max and friends become kafka_consumer_fetch_manager_* on /q/metrics
                    clientMetrics.bindTo(registry);
                    consumer = c;
                    c.subscribe(handler.topics());
                    while (running) {
                        Replay requested = replay;
                        if (requested != null && !c.assignment().isEmpty()) {
                            rewind(c, requested);
                        }
                        ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(500));
                        for (ConsumerRecord<String, String> record : records) {
                            handleWithRetries(record, deadLetters);
                        }
                        if (!records.isEmpty()) {
                            c.commitSync();
                        }
                    }
                } catch (WakeupException e) {
                    // stopping
                } catch (Exception e) {
                    if (running) {
                        LOG.warnf("consumer %s failed, restarting from the last committed offsets: %s", group, e.toString());
                        pause(Duration.ofSeconds(1));
                    }
                }
            }
        }

        private void rewind(Consumer<String, String> c, Replay requested) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    requested.reset().run();
                    inbox.forget(handler.name());
                });
                c.seekToBeginning(c.assignment());
                requested.done().complete(null);
            } catch (RuntimeException e) {
                requested.done().completeExceptionally(e);
            } finally {
                replay = null;
            }
        }

        private void handleWithRetries(ConsumerRecord<String, String> record, Producer<String, String> deadLetters)
                throws Exception {
            Duration backoff = initialBackoff;
            for (int attempt = 1; ; attempt++) {
                try {
                    IncomingEvent event = IncomingEvent.from(record);
                    tracing.consuming(group, record, () -> QuarkusTransaction.requiringNew().run(() -> {
                        if (inbox.firstDelivery(handler.name(), event.id())) {
                            handler.handle(event);
                        }
                    }));
                    projectionLag.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - record.timestamp())));
                    return;
                } catch (Exception e) {
                    if (attempt >= maxAttempts || e instanceof IllegalArgumentException) {
                        deadLetter(record, e, deadLetters);
                        return;
                    }
                    LOG.debugf("consumer %s: attempt %d at %s/%d@%d failed: %s", group, attempt,
                            record.topic(), record.partition(), record.offset(), e);
                    pause(backoff);
                    backoff = backoff.multipliedBy(2);
                }
            }
        }

        private void deadLetter(ConsumerRecord<String, String> record, Exception cause, Producer<String, String> deadLetters)
                throws Exception {
            String reason = String.valueOf(cause.getMessage());
            LOG.errorf("consumer %s gives up on %s/%d@%d, sending it to the dead-letter topic: %s", group,
                    record.topic(), record.partition(), record.offset(), reason);
            ProducerRecord<String, String> parked = new ProducerRecord<>(Topics.deadLetterTopicOf(record.topic()), null,
                    record.key(), record.value(), new RecordHeaders(record.headers().toArray()));
            parked.headers().add(Headers.DLT_REASON, reason.getBytes(StandardCharsets.UTF_8));
            parked.headers().add(Headers.DLT_CONSUMER, group.getBytes(StandardCharsets.UTF_8));
            deadLetters.send(parked).get(30, TimeUnit.SECONDS);
        }

        void stop() {
            running = false;
            Consumer<String, String> c = consumer;
            if (c != null) {
                c.wakeup();
            }
            try {
                if (thread != null) {
                    thread.join(10_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
