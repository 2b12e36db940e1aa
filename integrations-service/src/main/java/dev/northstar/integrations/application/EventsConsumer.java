package dev.northstar.integrations.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.events.AnalyticsEvent;
import dev.northstar.contracts.events.PublishedEvent;
import dev.northstar.contracts.events.RoadmapEvent;
import dev.northstar.platform.lifecycle.ProductStages;
import dev.northstar.platform.messaging.EventConsumer;
import dev.northstar.platform.messaging.Inbox;
import dev.northstar.platform.messaging.PermanentFailure;
import dev.northstar.platform.messaging.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Keeps every event of the roadmap, backlog, feedback and integrations topics as a CloudEvent (the source of deliveries
 * and of replays from any instant), and analytics' metric changes only when a subscription wants them, and queues a
 * delivery for each subscription of the event's product that wants its type,
 * in the same transaction as the inbox row, so an event is queued once however often Kafka delivers it. Learns
 * products, and their life-cycle stages, from roadmap events.
 */
@ApplicationScoped
public class EventsConsumer implements EventConsumer<PublishedEvent> {
    private final Inbox inbox;
    private final Deliveries deliveries;
    private final Dispatcher dispatcher;
    private final ProductStages stages;
    private final ObjectMapper json;
    private final TransactionSynchronizationRegistry transactions;
    private final KnownProducts products;

    public EventsConsumer(Inbox inbox, Deliveries deliveries, Dispatcher dispatcher, ProductStages stages, ObjectMapper json,
                          TransactionSynchronizationRegistry transactions, KnownProducts products) {
        this.inbox = inbox;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.stages = stages;
        this.json = json;
        this.transactions = transactions;
        this.products = products;
    }

    @Incoming("webhook-events")
    public CompletionStage<Void> consume(Message<List<String>> batch) {
        return inbox.deliverAll(this, batch);
    }

    @Override
    public String name() {
        return "webhook-events";
    }

    @Override
    public Class<PublishedEvent> accepts() {
        return PublishedEvent.class;
    }

    @Override
    public void handle(ReceivedEvent<? extends PublishedEvent> event) {
        switch (event.payload()) {
            case RoadmapEvent.ProductCreated created -> products.learn(created.productId());
            case RoadmapEvent.ProductStageChanged changed -> stages.record(event.subjectId(), changed.to(), changed.reason(), event.time());
            default -> {
            }
        }
        if (event.productId() == null) {
            return;
        }
        Deliveries.KeptEvent kept = new Deliveries.KeptEvent(event.id(), event.productId(), event.type(), event.source(),
                event.subject(), event.time(), event.correlationId(), event.actor(), data(event));
        int queued = event.payload() instanceof AnalyticsEvent ? deliveries.fanOutWhenWanted(kept) : deliveries.keepAndFanOut(kept);
        if (queued > 0) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        dispatcher.wake();
                    }
                }
            });
        }
    }

    private String data(ReceivedEvent<? extends PublishedEvent> event) {
        try {
            return json.writeValueAsString(event.payload());
        } catch (JsonProcessingException e) {
            throw new PermanentFailure("cannot write " + event.type() + " " + event.id() + " as JSON: " + e.getMessage(), e);
        }
    }
}
