package dev.northstar.feedback.application;

import dev.northstar.contracts.events.AnalyticsEvent;
import dev.northstar.contracts.events.BacklogEvent;
import dev.northstar.contracts.events.CustomerKeyEvent;
import dev.northstar.contracts.events.FeedbackEvent;
import dev.northstar.contracts.events.IntegrationsEvent;
import dev.northstar.contracts.events.PublishedEvent;
import dev.northstar.contracts.events.RoadmapEvent;
import dev.northstar.feedback.domain.TargetType;
import dev.northstar.platform.lifecycle.ProductStages;
import dev.northstar.platform.messaging.Inbox;
import dev.northstar.platform.messaging.ReceivedEvent;
import dev.northstar.platform.messaging.RebuildableConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Learns products (and their life-cycle stages), competitors, initiatives and release names from roadmap events and backlog items from backlog events, once per event;
 * rebuildable from the topics ({@code POST /api/v1/admin/feedback/consumers/targets/rebuild}).
 */
@ApplicationScoped
public class TargetsConsumer implements RebuildableConsumer<PublishedEvent> {
    private final Inbox inbox;
    private final KnownTargets targets;
    private final ProductStages stages;

    public TargetsConsumer(Inbox inbox, KnownTargets targets, ProductStages stages) {
        this.inbox = inbox;
        this.targets = targets;
        this.stages = stages;
    }

    @Incoming("targets")
    public CompletionStage<Void> consume(Message<List<String>> batch) {
        return inbox.deliverAll(this, batch);
    }

    @Override
    public String name() {
        return "targets";
    }

    @Override
    public Class<PublishedEvent> accepts() {
        return PublishedEvent.class;
    }

    @Override
    public List<String> stateTables() {
        return List.of("known_products", "known_targets", "known_competitors", "known_releases", ProductStages.TABLE);
    }

    /** Products, initiatives and items, and their titles: what feedback can point at. */
    @Override
    public boolean affects(PublishedEvent event) {
        return event instanceof RoadmapEvent.ProductCreated || event instanceof RoadmapEvent.ProductStageChanged
                || event instanceof RoadmapEvent.CompetitorAdded || event instanceof RoadmapEvent.CompetitorEdited
                || event instanceof RoadmapEvent.InitiativeAdded || event instanceof RoadmapEvent.ReleasePlanned
                || event instanceof RoadmapEvent.InitiativeEdited || event instanceof BacklogEvent.ItemCreated
                || event instanceof BacklogEvent.ItemDetailsEdited;
    }

    @Override
    public void handle(ReceivedEvent<? extends PublishedEvent> event) {
        switch (event.payload()) {
            case RoadmapEvent.ProductCreated e -> targets.product(e.productId());
            case RoadmapEvent.ProductStageChanged e -> stages.record(event.subjectId(), e.to(), e.reason(), event.time());
            case RoadmapEvent.CompetitorAdded e -> targets.competitor(e.productId(), e.competitorId(), e.name(), e.keywords());
            case RoadmapEvent.CompetitorEdited e -> targets.competitor(event.productId(), event.subjectId(), e.name(), e.keywords());
            case RoadmapEvent.InitiativeAdded e -> {
                // the product's own ProductCreated may be applied after its initiative's (consumed in parallel)
                targets.product(e.productId());
                targets.target(e.productId(), TargetType.INITIATIVE, e.initiativeId(), e.title());
            }
            case RoadmapEvent.ReleasePlanned e -> targets.release(e.productId(), e.releaseId(), e.name());
            case RoadmapEvent.InitiativeEdited e -> targets.target(event.productId(), TargetType.INITIATIVE, event.subjectId(), e.title());
            case BacklogEvent.ItemCreated e -> targets.target(e.productId(), TargetType.BACKLOG_ITEM, e.itemId(), e.title());
            case BacklogEvent.ItemDetailsEdited e -> targets.target(event.productId(), TargetType.BACKLOG_ITEM, event.subjectId(), e.title());
            // the rest of the roadmap and backlog tell nothing about what feedback can point at
            case RoadmapEvent e -> {
            }
            case BacklogEvent e -> {
            }
            case FeedbackEvent e -> {
            }
            case AnalyticsEvent e -> {
            }
            case IntegrationsEvent e -> {
            }
            case CustomerKeyEvent e -> {
            }
        }
    }
}
