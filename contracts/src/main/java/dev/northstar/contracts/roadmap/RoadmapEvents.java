package dev.northstar.contracts.roadmap;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What other services read from {@code northstar.roadmap.events}: the fields they rely on, as a
 * tolerant reader (unknown fields are ignored, enums are strings). roadmap-service's domain events
 * serialize to these shapes; the record key and {@code ce_subject} are the aggregate id.
 */
public final class RoadmapEvents {
    public static final String CONTEXT = "roadmap";

    public record ProductCreated(UUID productId, String name) {
    }

    public record ProductUpdated(String name) {
    }

    public record ThemeAdded(UUID themeId, UUID productId, String name, BigDecimal weight) {
    }

    public record ThemeReweighted(BigDecimal oldWeight, BigDecimal newWeight) {
    }

    public record InitiativeAdded(UUID initiativeId, UUID productId, UUID themeId, String title, String horizon) {
    }

    public record InitiativeEdited(UUID themeId, String title) {
    }

    public record InitiativeMoved(UUID productId, UUID themeId, String fromHorizon, String toHorizon) {
    }

    public record InitiativeStatusChanged(UUID productId, UUID themeId, String from, String to) {
    }

    public record InitiativeDropped(UUID productId, UUID themeId, String from, String reason) {
    }

    private RoadmapEvents() {
    }
}
