package dev.northstar.backlog.application;

import dev.northstar.backlog.domain.PriorityCause;
import dev.northstar.contracts.events.RoadmapEvent;
import dev.northstar.contracts.events.RoadmapEvent.InitiativeAdded;
import dev.northstar.contracts.events.RoadmapEvent.InitiativeDropped;
import dev.northstar.contracts.events.RoadmapEvent.InitiativeEdited;
import dev.northstar.contracts.events.RoadmapEvent.InitiativeMoved;
import dev.northstar.contracts.events.RoadmapEvent.InitiativeScheduled;
import dev.northstar.contracts.events.RoadmapEvent.InitiativeStatusChanged;
import dev.northstar.contracts.events.RoadmapEvent.InitiativeUnscheduled;
import dev.northstar.contracts.events.RoadmapEvent.ProductCreated;
import dev.northstar.contracts.events.RoadmapEvent.ProductUpdated;
import dev.northstar.contracts.events.RoadmapEvent.ReleasePlanned;
import dev.northstar.contracts.events.RoadmapEvent.ReleaseRescheduled;
import dev.northstar.contracts.events.RoadmapEvent.ThemeAdded;
import dev.northstar.contracts.events.RoadmapEvent.ThemeRetired;
import dev.northstar.contracts.events.RoadmapEvent.ThemeReweighted;
import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.lifecycle.ProductStages;
import dev.northstar.platform.messaging.EventConsumer;
import dev.northstar.platform.messaging.Inbox;
import dev.northstar.platform.messaging.ReceivedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Consumes {@code northstar.roadmap.events}: keeps backlog-service's view of products, themes and
 * initiatives, and reprioritizes the items linked to an initiative when it moves horizon, changes
 * status or theme, is dropped, its theme is reweighted, or its business case changes (which counts only for products
 * that let it). Runs once per event (inbox).
 */
@ApplicationScoped
public class RoadmapViewConsumer implements EventConsumer<RoadmapEvent> {
    private static final Logger LOG = Logger.getLogger(RoadmapViewConsumer.class);

    private final Inbox inbox;
    private final KnownRoadmap roadmap;
    private final BacklogItemCommands commands;
    private final ProductStages stages;

    public RoadmapViewConsumer(Inbox inbox, KnownRoadmap roadmap, BacklogItemCommands commands, ProductStages stages) {
        this.stages = stages;
        this.inbox = inbox;
        this.roadmap = roadmap;
        this.commands = commands;
    }

    @Incoming("roadmap-view")
    public CompletionStage<Void> consume(Message<List<String>> batch) {
        return inbox.deliverAll(this, batch);
    }

    @Override
    public String name() {
        return "roadmap-view";
    }

    @Override
    public Class<RoadmapEvent> accepts() {
        return RoadmapEvent.class;
    }

    @Override
    public void handle(ReceivedEvent<? extends RoadmapEvent> event) {
        UUID subject = event.subjectId();
        switch (event.payload()) {
            case ProductCreated e -> roadmap.update("""
                    INSERT INTO roadmap_products (product_id, name) VALUES (?, ?)
                    ON CONFLICT (product_id) DO UPDATE SET name = excluded.name""", e.productId(), e.name());
            case ProductUpdated e -> roadmap.update("UPDATE roadmap_products SET name = ? WHERE product_id = ?", e.name(), subject);
            case RoadmapEvent.ProductStageChanged e -> stages.record(subject, e.to(), e.reason(), event.time());
            case ThemeAdded e -> {
                knowProduct(e.productId());
                roadmap.update("""
                        INSERT INTO roadmap_themes (theme_id, product_id, name, weight) VALUES (?, ?, ?, ?)
                        ON CONFLICT (theme_id) DO NOTHING""", e.themeId(), e.productId(), e.name(), e.weight());
                reprioritize(event, roadmap.initiativesOfTheme(subject));
            }
            case ThemeReweighted e -> {
                roadmap.update("UPDATE roadmap_themes SET weight = ? WHERE theme_id = ?", e.newWeight(), subject);
                reprioritize(event, roadmap.initiativesOfTheme(subject));
            }
            case ThemeRetired e -> roadmap.update("UPDATE roadmap_themes SET retired = true WHERE theme_id = ?", subject);
            case InitiativeAdded e -> {
                knowProduct(e.productId());
                roadmap.update("""
                        INSERT INTO roadmap_initiatives (initiative_id, product_id, theme_id, title, horizon, status)
                        VALUES (?, ?, ?, ?, ?, 'PROPOSED') ON CONFLICT (initiative_id) DO NOTHING""",
                        e.initiativeId(), e.productId(), e.themeId(), e.title(), e.horizon());
            }
            case InitiativeEdited e -> {
                roadmap.update("UPDATE roadmap_initiatives SET theme_id = ?, title = ? WHERE initiative_id = ?",
                        e.themeId(), e.title(), subject);
                reprioritize(event, List.of(subject));
            }
            case InitiativeMoved e -> {
                roadmap.update("UPDATE roadmap_initiatives SET horizon = ? WHERE initiative_id = ?", e.toHorizon(), subject);
                reprioritize(event, List.of(subject));
            }
            case InitiativeStatusChanged e -> {
                roadmap.update("UPDATE roadmap_initiatives SET status = ? WHERE initiative_id = ?", e.to(), subject);
                reprioritize(event, List.of(subject));
            }
            case InitiativeDropped e -> {
                roadmap.update("UPDATE roadmap_initiatives SET status = 'DROPPED' WHERE initiative_id = ?", subject);
                reprioritize(event, List.of(subject));
            }
            // releases, objectives and competitors do not change priorities
            case ReleasePlanned e -> {
            }
            case RoadmapEvent.BusinessCaseSet e -> {
                roadmap.update("UPDATE roadmap_initiatives SET business_case_roi = ? WHERE initiative_id = ?", e.roi(), subject);
                reprioritize(event, List.of(subject));
            }
            case RoadmapEvent.ObjectiveSet e -> {
            }
            case RoadmapEvent.CompetitorAdded e -> {
            }
            case RoadmapEvent.CompetitorEdited e -> {
            }
            case RoadmapEvent.InitiativeCompared e -> {
            }
            case RoadmapEvent.ComparisonRemoved e -> {
            }
            case RoadmapEvent.ObjectiveEdited e -> {
            }
            case RoadmapEvent.KeyResultAdded e -> {
            }
            case RoadmapEvent.KeyResultRevised e -> {
            }
            case RoadmapEvent.KeyResultRemoved e -> {
            }
            case RoadmapEvent.KeyResultMeasured e -> {
            }
            case RoadmapEvent.ObjectiveLinked e -> {
            }
            case RoadmapEvent.ObjectiveUnlinked e -> {
            }
            case ReleaseRescheduled e -> {
            }
            case InitiativeScheduled e -> {
            }
            case InitiativeUnscheduled e -> {
            }
            case RoadmapEvent.ReleaseShipped e -> {
            }
            case RoadmapEvent.InitiativeHealthReported e -> {
            }
        }
    }

    /**
     * A theme or initiative proves its product exists. The product's own ProductCreated may be applied after it (events
     * of different aggregates are consumed in parallel), and fills in the name then.
     */
    private void knowProduct(UUID productId) {
        roadmap.update("INSERT INTO roadmap_products (product_id, name) VALUES (?, '') ON CONFLICT (product_id) DO NOTHING",
                productId);
    }

    private void reprioritize(ReceivedEvent<? extends RoadmapEvent> event, List<UUID> initiativeIds) {
        if (initiativeIds.isEmpty() || event.productId() == null) {
            return;
        }
        EventMetadata metadata = EventMetadata.now(event.correlationOrOwnId(), event.id(),
                event.actor() == null ? "roadmap-service" : event.actor());
        int changed = commands.reprioritizeLinkedTo(event.productId(), initiativeIds,
                new PriorityCause(event.id(), event.type()), metadata);
        LOG.debugf("%s %s reprioritized %d items", event.type(), event.subject(), changed);
    }
}
