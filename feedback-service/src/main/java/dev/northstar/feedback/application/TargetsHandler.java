package dev.northstar.feedback.application;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.contracts.Topics;
import dev.northstar.feedback.domain.TargetType;
import dev.northstar.platform.inbox.IncomingEvent;
import dev.northstar.platform.inbox.IncomingEventHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;
import java.util.UUID;

/** Learns products and initiatives from roadmap events and backlog items from backlog events, once per event. */
@ApplicationScoped
public class TargetsHandler implements IncomingEventHandler {
    private final KnownTargets targets;
    private final ObjectMapper json;

    public TargetsHandler(KnownTargets targets, ObjectMapper json) {
        this.targets = targets;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    @Override
    public String name() {
        return "targets";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.ROADMAP_EVENTS, Topics.BACKLOG_EVENTS);
    }

    @Override
    public void handle(IncomingEvent event) {
        switch (event.name()) {
            case "ProductCreated" -> targets.product(event.productId());
            case "InitiativeAdded", "InitiativeEdited" -> targets.target(event.productId(), TargetType.INITIATIVE,
                    UUID.fromString(event.subject()), payload(event).path("title").asText());
            case "ItemCreated", "ItemDetailsEdited" -> targets.target(event.productId(), TargetType.BACKLOG_ITEM,
                    UUID.fromString(event.subject()), payload(event).path("title").asText());
            default -> {
            }
        }
    }

    private JsonNode payload(IncomingEvent event) {
        try {
            return json.readTree(event.payload());
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable " + event.type() + " payload", e);
        }
    }
}
