package dev.northstar.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static dev.northstar.contracts.events.Require.present;

/**
 * {@code northstar.roadmap.events}, published by roadmap-service. Key and {@code ce_subject}: the product, theme,
 * initiative or release id. Horizons are NOW, NEXT, LATER; initiative statuses PROPOSED, PLANNED, IN_PROGRESS,
 * DONE, DROPPED (strings, so that a new value does not break a reader). Objective events are keyed by the objective.
 */
public sealed interface RoadmapEvent extends PublishedEvent {
    String CONTEXT = "roadmap";

    record ProductCreated(UUID productId, String name, String vision, String strategy, String northStarMetric)
            implements RoadmapEvent {
        public ProductCreated {
            present(productId, "productId");
            present(name, "name");
        }
    }

    record ProductUpdated(String name, String vision, String strategy, String northStarMetric) implements RoadmapEvent {
        public ProductUpdated {
            present(name, "name");
        }
    }

    /**
     * The product moved to another stage of its life cycle (IDEATION, DISCOVERY, GROWTH, MATURITY, DECLINE, RETIRED), with
     * the reason. A RETIRED product takes no more writes in any service; its data stays readable.
     */
    record ProductStageChanged(String from, String to, String reason) implements RoadmapEvent {
        public ProductStageChanged {
            present(to, "to");
            present(reason, "reason");
        }
    }

    record ThemeAdded(UUID themeId, UUID productId, String name, String description, BigDecimal weight) implements RoadmapEvent {
        public ThemeAdded {
            present(themeId, "themeId");
            present(productId, "productId");
            present(name, "name");
            present(weight, "weight");
        }
    }

    record ThemeReweighted(BigDecimal oldWeight, BigDecimal newWeight) implements RoadmapEvent {
        public ThemeReweighted {
            present(newWeight, "newWeight");
        }
    }

    record ThemeRetired() implements RoadmapEvent {
    }

    record InitiativeAdded(UUID initiativeId, UUID productId, UUID themeId, String title, String description,
                           String horizon, String targetQuarter, double rankKey, String successMetric) implements RoadmapEvent {
        public InitiativeAdded {
            present(initiativeId, "initiativeId");
            present(productId, "productId");
            present(title, "title");
            present(horizon, "horizon");
        }
    }

    record InitiativeEdited(UUID themeId, String title, String description, String successMetric) implements RoadmapEvent {
        public InitiativeEdited {
            present(title, "title");
        }
    }

    record InitiativeMoved(UUID productId, UUID themeId, String fromHorizon, String toHorizon, String targetQuarter,
                           double rankKey) implements RoadmapEvent {
        public InitiativeMoved {
            present(productId, "productId");
            present(toHorizon, "toHorizon");
        }
    }

    record InitiativeStatusChanged(UUID productId, UUID themeId, String from, String to) implements RoadmapEvent {
        public InitiativeStatusChanged {
            present(productId, "productId");
            present(to, "to");
        }
    }

    record InitiativeDropped(UUID productId, UUID themeId, String from, String reason) implements RoadmapEvent {
        public InitiativeDropped {
            present(productId, "productId");
        }
    }

    record ReleasePlanned(UUID releaseId, UUID productId, String name, LocalDate targetDate) implements RoadmapEvent {
        public ReleasePlanned {
            present(releaseId, "releaseId");
            present(productId, "productId");
            present(name, "name");
        }
    }

    record ReleaseRescheduled(LocalDate from, LocalDate to) implements RoadmapEvent {
    }

    record InitiativeScheduled(UUID initiativeId) implements RoadmapEvent {
        public InitiativeScheduled {
            present(initiativeId, "initiativeId");
        }
    }

    /** The release went out at {@code shippedAt} with these initiatives; it takes no more changes. */
    record ReleaseShipped(Instant shippedAt, List<UUID> initiativeIds) implements RoadmapEvent {
        public ReleaseShipped {
            present(shippedAt, "shippedAt");
            present(initiativeIds, "initiativeIds");
        }
    }

    record InitiativeUnscheduled(UUID initiativeId) implements RoadmapEvent {
        public InitiativeUnscheduled {
            present(initiativeId, "initiativeId");
        }
    }

    /**
     * A competitor of the product (key: the competitor id): {@code keywords} are the words feedback mentions it by (the name
     * first); no two competitors of a product share a keyword.
     */
    record CompetitorAdded(UUID competitorId, UUID productId, String name, String segment, List<String> strengths,
                           List<String> weaknesses, String notes, List<String> keywords) implements RoadmapEvent {
        public CompetitorAdded {
            present(competitorId, "competitorId");
            present(productId, "productId");
            present(name, "name");
            present(keywords, "keywords");
        }
    }

    /** The competitor as it is now. */
    record CompetitorEdited(String name, String segment, List<String> strengths, List<String> weaknesses, String notes,
                            List<String> keywords) implements RoadmapEvent {
        public CompetitorEdited {
            present(name, "name");
            present(keywords, "keywords");
        }
    }

    /** Where an initiative stands against the competitor: AHEAD, PARITY, BEHIND or NOT_OFFERED. */
    record InitiativeCompared(UUID initiativeId, String position, String note) implements RoadmapEvent {
        public InitiativeCompared {
            present(initiativeId, "initiativeId");
            present(position, "position");
        }
    }

    record ComparisonRemoved(UUID initiativeId) implements RoadmapEvent {
        public ComparisonRemoved {
            present(initiativeId, "initiativeId");
        }
    }

    /**
     * An initiative's business case: {@code cost} in {@code costUnit} MONEY or PERSON_WEEKS; {@code expectedValue} of
     * {@code valueKind} REVENUE or RETENTION (money per year) or KEY_RESULT (the expected delta of {@code keyResultId});
     * {@code confidence} 0-100 %; {@code timeToValueMonths} before the value starts.
     */
    record BusinessCase(BigDecimal cost, String costUnit, BigDecimal expectedValue, String valueKind, UUID keyResultId,
                        int confidence, int timeToValueMonths) {
    }

    /**
     * The initiative's business case and what it derived at the time: risk-adjusted value (expected value x confidence),
     * ROI ((risk-adjusted value - cost) / cost) and payback in months (null unless cost and value are money).
     */
    /** The product manager's report of how the initiative is going: {@code status} ON_TRACK, AT_RISK or OFF_TRACK. */
    record InitiativeHealthReported(UUID productId, String status, String text, Instant reportedAt, String reportedBy)
            implements RoadmapEvent {
        public InitiativeHealthReported {
            present(productId, "productId");
            present(status, "status");
            present(text, "text");
            present(reportedAt, "reportedAt");
        }
    }

    record BusinessCaseSet(UUID productId, BusinessCase businessCase, BigDecimal riskAdjustedValue, BigDecimal roi,
                           BigDecimal paybackMonths) implements RoadmapEvent {
        public BusinessCaseSet {
            present(productId, "productId");
            present(businessCase, "businessCase");
            present(riskAdjustedValue, "riskAdjustedValue");
        }
    }

    /**
     * A key result: {@code metric} from {@code baseline} to {@code target} by {@code dueDate}; {@code direction} INCREASE or
     * DECREASE; {@code source} ANALYTICS (analytics-service computes the metric, see KeyResultMetrics) or MEASURED (its
     * values come as KeyResultMeasured); at most one key result of a product is its {@code northStar}.
     */
    record KeyResult(UUID id, String metric, String source, String unit, BigDecimal baseline, BigDecimal target,
                     String direction, LocalDate dueDate, boolean northStar) {
    }

    /** An objective for a period (2027, 2027-H1 or 2027-Q3) with its key results and the themes and initiatives serving it. */
    record ObjectiveSet(UUID objectiveId, UUID productId, String title, String period, List<KeyResult> keyResults,
                        List<UUID> themeIds, List<UUID> initiativeIds) implements RoadmapEvent {
        public ObjectiveSet {
            present(objectiveId, "objectiveId");
            present(productId, "productId");
            present(title, "title");
            present(period, "period");
            present(keyResults, "keyResults");
        }
    }

    record ObjectiveEdited(String title, String period) implements RoadmapEvent {
        public ObjectiveEdited {
            present(title, "title");
            present(period, "period");
        }
    }

    record KeyResultAdded(KeyResult keyResult) implements RoadmapEvent {
        public KeyResultAdded {
            present(keyResult, "keyResult");
        }
    }

    /** The key result as it is now. */
    record KeyResultRevised(KeyResult keyResult) implements RoadmapEvent {
        public KeyResultRevised {
            present(keyResult, "keyResult");
        }
    }

    record KeyResultRemoved(UUID keyResultId) implements RoadmapEvent {
        public KeyResultRemoved {
            present(keyResultId, "keyResultId");
        }
    }

    /** A value of a MEASURED key result's metric at an instant ({@code at} may be earlier than earlier reports). */
    record KeyResultMeasured(UUID keyResultId, BigDecimal value, Instant at) implements RoadmapEvent {
        public KeyResultMeasured {
            present(keyResultId, "keyResultId");
            present(value, "value");
            present(at, "at");
        }
    }

    /** A theme or initiative ({@code targetType} THEME or INITIATIVE) serves the objective. */
    record ObjectiveLinked(String targetType, UUID targetId) implements RoadmapEvent {
        public ObjectiveLinked {
            present(targetType, "targetType");
            present(targetId, "targetId");
        }
    }

    record ObjectiveUnlinked(String targetType, UUID targetId) implements RoadmapEvent {
        public ObjectiveUnlinked {
            present(targetType, "targetType");
            present(targetId, "targetId");
        }
    }
}
