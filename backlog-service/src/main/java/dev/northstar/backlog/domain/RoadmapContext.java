package dev.northstar.backlog.domain;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What the roadmap says about the initiative an item serves, as backlog-service last heard it:
 * the horizon adds to time criticality, the theme's weight scales cost of delay, a dropped
 * initiative demotes the item. Horizon and status are the roadmap's names (NOW, NEXT, LATER; PROPOSED...).
 */
public record RoadmapContext(UUID initiativeId, String horizon, String initiativeStatus, UUID themeId, BigDecimal themeWeight) {

    /** Points added to time criticality for serving an open initiative in this horizon. */
    public int horizonBonus() {
        if (!isOpen() || horizon == null) {
            return 0;
        }
        return switch (horizon) {
            case "NOW" -> 8;
            case "NEXT" -> 3;
            default -> 0;
        };
    }

    public BigDecimal weight() {
        return themeWeight == null ? BigDecimal.ONE : themeWeight;
    }

    /** 0.25 for a dropped initiative's items, 1 otherwise. */
    public BigDecimal statusFactor() {
        return "DROPPED".equals(initiativeStatus) ? new BigDecimal("0.25") : BigDecimal.ONE;
    }

    private boolean isOpen() {
        return !"DONE".equals(initiativeStatus) && !"DROPPED".equals(initiativeStatus);
    }
}
