package dev.northstar.feedback.application;

import dev.northstar.feedback.domain.CustomerUpdate;
import dev.northstar.feedback.domain.CustomerUpdateEvent;
import dev.northstar.feedback.domain.Feedback;
import dev.northstar.feedback.domain.FeedbackEvent;
import dev.northstar.feedback.domain.Shipment;
import dev.northstar.feedback.readmodel.FeedbackQueries;
import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.eventstore.EventSourcedRepository;
import dev.northstar.platform.eventstore.Versioned;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Closing the loop with customers: when something ships, the open feedback linked to it is answered (DONE, with
 * the shipment) and an update falls due for each customer and account whose feedback it answered.
 */
@ApplicationScoped
public class CustomerLoop {
    private final EventSourcedRepository<Feedback, FeedbackEvent> feedback;
    private final EventSourcedRepository<CustomerUpdate, CustomerUpdateEvent> updates;
    private final FeedbackQueries queries;
    private final CustomerKeys customers;

    public CustomerLoop(EventSourcedRepository<Feedback, FeedbackEvent> feedback,
                        EventSourcedRepository<CustomerUpdate, CustomerUpdateEvent> updates, FeedbackQueries queries,
                        CustomerKeys customers) {
        this.feedback = feedback;
        this.updates = updates;
        this.queries = queries;
        this.customers = customers;
    }

    /**
     * Answers the product's open feedback linked to any of {@code linkedTo} with the shipment and records the updates
     * due; runs in the caller's transaction. {@code metadata}'s causation (the event that shipped it) makes the
     * updates' ids, so the same event decides the same updates. Returns how many feedback entries it answered.
     */
    public int shipped(UUID productId, Shipment shipment, List<UUID> linkedTo, EventMetadata metadata) {
        List<Feedback> answered = new ArrayList<>();
        for (UUID id : queries.openLinkedTo(productId, linkedTo)) {
            Versioned<Feedback> current = feedback.load(id).orElseThrow();
            List<FeedbackEvent> events = current.state().answer(shipment);
            if (!events.isEmpty()) {
                feedback.append(id, productId, current, events, metadata);
                answered.add(current.state());
            }
        }
        for (CustomerUpdate.Due due : CustomerUpdate.dueFor(productId, shipment, answered,
                (customerId, account, part) -> UUID.nameUUIDFromBytes((metadata.causationId() + "/"
                        + customers.keyFor(productId, customerId).ref() + "/" + customers.accountRef(productId, account)
                        + (part == 0 ? "" : "/" + part)).getBytes(StandardCharsets.UTF_8)))) {
            updates.append(due.updateId(), productId, null, List.of(due.event()), metadata);
        }
        return answered.size();
    }
}
