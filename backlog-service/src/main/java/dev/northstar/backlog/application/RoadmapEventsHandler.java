package dev.northstar.backlog.application;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.northstar.backlog.domain.PriorityCause;
import dev.northstar.contracts.Topics;
import dev.northstar.contracts.roadmap.RoadmapEvents;
import dev.northstar.platform.eventstore.EventMetadata;
import dev.northstar.platform.inbox.IncomingEvent;
import dev.northstar.platform.inbox.IncomingEventHandler;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Consumes {@code northstar.roadmap.events}: keeps backlog-service's view of products, themes and
 * initiatives, and reprioritizes the items linked to an initiative when it moves horizon, changes
 * status or theme, is dropped, or its theme is reweighted. Runs once per event (inbox).
 */
@ApplicationScoped
public class RoadmapEventsHandler implements IncomingEventHandler {
    private static final Logger LOG = Logger.getLogger(RoadmapEventsHandler.class);

    private final KnownRoadmap roadmap;
    private final BacklogItemCommands commands;
    private final ObjectMapper json;

    public RoadmapEventsHandler(KnownRoadmap roadmap, BacklogItemCommands commands, ObjectMapper json) {
        this.roadmap = roadmap;
        this.commands = commands;
        this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    @Override
    public String name() {
        return "roadmap-view";
    }

    @Override
    public Set<String> topics() {
        return Set.of(Topics.ROADMAP_EVENTS);
    }

    @Override
    public void handle(IncomingEvent event) {
        UUID subject = UUID.fromString(event.subject());
        switch (event.name()) {
            case "ProductCreated" -> {
                var e = read(event, RoadmapEvents.ProductCreated.class);
                roadmap.update("INSERT INTO roadmap_products (product_id, name) VALUES (?, ?) ON CONFLICT (product_id) DO UPDATE SET name = excluded.name",
                        e.productId(), e.name());
            }
            case "ProductUpdated" -> roadmap.update("UPDATE roadmap_products SET name = ? WHERE product_id = ?",
                    read(event, RoadmapEvents.ProductUpdated.class).name(), subject);
            case "ThemeAdded" -> {
                var e = read(event, RoadmapEvents.ThemeAdded.class);
                roadmap.update("""
                        INSERT INTO roadmap_themes (theme_id, product_id, name, weight) VALUES (?, ?, ?, ?)
                        ON CONFLICT (theme_id) DO NOTHING""", e.themeId(), e.productId(), e.name(), e.weight());
                reprioritize(event, roadmap.initiativesOfTheme(subject));
            }
            case "ThemeReweighted" -> {
                roadmap.update("UPDATE roadmap_themes SET weight = ? WHERE theme_id = ?",
                        read(event, RoadmapEvents.ThemeReweighted.class).newWeight(), subject);
                reprioritize(event, roadmap.initiativesOfTheme(subject));
            }
            case "ThemeRetired" -> roadmap.update("UPDATE roadmap_themes SET retired = true WHERE theme_id = ?", subject);
            case "InitiativeAdded" -> {
                var e = read(event, RoadmapEvents.InitiativeAdded.class);
                roadmap.update("""
                        INSERT INTO roadmap_initiatives (initiative_id, product_id, theme_id, title, horizon, status)
                        VALUES (?, ?, ?, ?, ?, 'PROPOSED') ON CONFLICT (initiative_id) DO NOTHING""",
                        e.initiativeId(), e.productId(), e.themeId(), e.title(), e.horizon());
            }
            case "InitiativeEdited" -> {
                var e = read(event, RoadmapEvents.InitiativeEdited.class);
                roadmap.update("UPDATE roadmap_initiatives SET theme_id = ?, title = ? WHERE initiative_id = ?",
                        e.themeId(), e.title(), subject);
                reprioritize(event, List.of(subject));
            }
            case "InitiativeMoved" -> {
                roadmap.update("UPDATE roadmap_initiatives SET horizon = ? WHERE initiative_id = ?",
                        read(event, RoadmapEvents.InitiativeMoved.class).toHorizon(), subject);
                reprioritize(event, List.of(subject));
            }
            case "InitiativeStatusChanged" -> {
                roadmap.update("UPDATE roadmap_initiatives SET status = ? WHERE initiative_id = ?",
                        read(event, RoadmapEvents.InitiativeStatusChanged.class).to(), subject);
                reprioritize(event, List.of(subject));
            }
            case "InitiativeDropped" -> {
                roadmap.update("UPDATE roadmap_initiatives SET status = 'DROPPED' WHERE initiative_id = ?", subject);
                reprioritize(event, List.of(subject));
            }
            default -> LOG.debugf("ignoring %s", event.type());
        }
    }

    private void reprioritize(IncomingEvent event, List<UUID> initiativeIds) {
        if (initiativeIds.isEmpty() || event.productId() == null) {
            return;
        }
        EventMetadata metadata = EventMetadata.now(
                event.correlationId() == null ? UUID.randomUUID() : event.correlationId(),
                UUID.fromString(event.id()),
                event.actor() == null ? "roadmap-service" : event.actor());
        int changed = commands.reprioritizeLinkedTo(event.productId(), initiativeIds,
                new PriorityCause(UUID.fromString(event.id()), event.type()), metadata);
        LOG.debugf("%s %s reprioritized %d items", event.type(), event.subject(), changed);
    }

    private <T> T read(IncomingEvent event, Class<T> type) {
        try {
            return json.readValue(event.payload(), type);
        } catch (Exception e) {
            throw new IllegalArgumentException("unreadable " + event.type() + " payload: " + e.getMessage(), e);
        }
    }
}
