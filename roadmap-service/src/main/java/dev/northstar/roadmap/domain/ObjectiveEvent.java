package dev.northstar.roadmap.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Published on {@code northstar.roadmap.events} as {@code northstar.roadmap.<Name>.v1}, keyed by objective id. */
public sealed interface ObjectiveEvent {
    record ObjectiveSet(UUID objectiveId, UUID productId, String title, String period, List<KeyResult> keyResults,
                        List<UUID> themeIds, List<UUID> initiativeIds) implements ObjectiveEvent {
    }

    record ObjectiveEdited(String title, String period) implements ObjectiveEvent {
    }

    record KeyResultAdded(KeyResult keyResult) implements ObjectiveEvent {
    }

    /** The key result as it is now (baseline, target, unit, due date or north-star mark changed). */
    record KeyResultRevised(KeyResult keyResult) implements ObjectiveEvent {
    }

    record KeyResultRemoved(UUID keyResultId) implements ObjectiveEvent {
    }

    /** A value of a MEASURED key result's metric at an instant, reported by a tool or a person. */
    record KeyResultMeasured(UUID keyResultId, BigDecimal value, Instant at) implements ObjectiveEvent {
    }

    /** A theme or an initiative serves the objective. */
    record ObjectiveLinked(Objective.Serving targetType, UUID targetId) implements ObjectiveEvent {
    }

    record ObjectiveUnlinked(Objective.Serving targetType, UUID targetId) implements ObjectiveEvent {
    }
}
