package dev.northstar.feedback.application;

import dev.northstar.contracts.events.BacklogEvent;
import dev.northstar.contracts.events.PublishedEvent;
import dev.northstar.contracts.events.RoadmapEvent;
import dev.northstar.feedback.domain.Shipment;
import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.messaging.EventConsumer;
import dev.northstar.platform.messaging.Inbox;
import dev.northstar.platform.messaging.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Hears what ships (an initiative done, a release shipped, a backlog item accepted) and closes the loop with the
 * customers whose feedback is linked to it ({@link CustomerLoop}). Not rebuildable: it records events of its own,
 * which a replay of the topics must not record again.
 */
@ApplicationScoped
public class ShipmentsConsumer implements EventConsumer<PublishedEvent> {
    static final String ACTOR = "feedback-service";
    private static final String DONE = "DONE";

    private final Inbox inbox;
    private final CustomerLoop loop;
    private final KnownTargets targets;

    public ShipmentsConsumer(Inbox inbox, CustomerLoop loop, KnownTargets targets) {
        this.inbox = inbox;
        this.loop = loop;
        this.targets = targets;
    }

    @Incoming("shipments")
    public CompletionStage<Void> consume(Message<List<String>> batch) {
        return inbox.deliverAll(this, batch);
    }

    @Override
    public String name() {
        return "shipments";
    }

    @Override
    public Class<PublishedEvent> accepts() {
        return PublishedEvent.class;
    }

    @Override
    public boolean affects(PublishedEvent event) {
        return event instanceof RoadmapEvent.InitiativeStatusChanged changed && DONE.equals(changed.to())
                || event instanceof RoadmapEvent.ReleaseShipped || event instanceof BacklogEvent.ItemAccepted;
    }

    @Override
    public void handle(ReceivedEvent<? extends PublishedEvent> event) {
        EventMetadata metadata = EventMetadata.now(event.correlationOrOwnId(), event.id(), ACTOR);
        switch (event.payload()) {
            case RoadmapEvent.InitiativeStatusChanged e -> loop.shipped(event.productId(),
                    new Shipment(Shipment.Kind.INITIATIVE_DONE, event.subjectId(), targets.titleOf(event.subjectId()), event.time()),
                    List.of(event.subjectId()), metadata);
            case RoadmapEvent.ReleaseShipped e -> loop.shipped(event.productId(),
                    new Shipment(Shipment.Kind.RELEASE_SHIPPED, event.subjectId(), targets.titleOf(event.subjectId()), e.shippedAt()),
                    e.initiativeIds(), metadata);
            case BacklogEvent.ItemAccepted e -> loop.shipped(event.productId(),
                    new Shipment(Shipment.Kind.ITEM_ACCEPTED, event.subjectId(), targets.titleOf(event.subjectId()), event.time()),
                    List.of(event.subjectId()), metadata);
            default -> {
            }
        }
    }
}
