package dev.northstar.roadmap.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Published on {@code northstar.roadmap.events} as {@code northstar.roadmap.<Name>.v1}, keyed by initiative id. */
public sealed interface InitiativeEvent {
    record InitiativeAdded(UUID initiativeId, UUID productId, UUID themeId, String title, String description,
                           Horizon horizon, String targetQuarter, double rankKey, String successMetric)
            implements InitiativeEvent {
    }

    record InitiativeEdited(UUID themeId, String title, String description, String successMetric) implements InitiativeEvent {
    }

    /** A move to another horizon or another place in one; {@code rankKey} orders initiatives within a horizon. */
    record InitiativeMoved(UUID productId, UUID themeId, Horizon fromHorizon, Horizon toHorizon, String targetQuarter,
                           double rankKey) implements InitiativeEvent {
    }

    record InitiativeStatusChanged(UUID productId, UUID themeId, InitiativeStatus from, InitiativeStatus to)
            implements InitiativeEvent {
    }

    record InitiativeDropped(UUID productId, UUID themeId, InitiativeStatus from, String reason) implements InitiativeEvent {
    }

    /** The product manager's report of how the initiative is going: ON_TRACK, AT_RISK or OFF_TRACK, and why. */
    record InitiativeHealthReported(UUID productId, Health.Status status, String text, Instant reportedAt, String reportedBy)
            implements InitiativeEvent {
    }

    /** The initiative's business case and what it derives at the time (ROI and payback null unless cost and value are money). */
    record BusinessCaseSet(UUID productId, BusinessCase businessCase, BigDecimal riskAdjustedValue, BigDecimal roi,
                           BigDecimal paybackMonths) implements InitiativeEvent {
    }
}
