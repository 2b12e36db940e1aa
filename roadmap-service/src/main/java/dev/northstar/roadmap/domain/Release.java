package dev.northstar.roadmap.domain;

import dev.northstar.roadmap.domain.ReleaseEvent.InitiativeScheduled;
import dev.northstar.roadmap.domain.ReleaseEvent.InitiativeUnscheduled;
import dev.northstar.roadmap.domain.ReleaseEvent.ReleasePlanned;
import dev.northstar.roadmap.domain.ReleaseEvent.ReleaseRescheduled;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A release: a name, a target date and the initiatives it ships. */
public record Release(UUID id, UUID productId, String name, LocalDate targetDate, List<UUID> initiativeIds) {

    public static Release apply(Release r, ReleaseEvent event) {
        return switch (event) {
            case ReleasePlanned e -> new Release(e.releaseId(), e.productId(), e.name(), e.targetDate(), List.of());
            case ReleaseRescheduled e -> new Release(r.id, r.productId, r.name, e.to(), r.initiativeIds);
            case InitiativeScheduled e -> {
                List<UUID> ids = new ArrayList<>(r.initiativeIds);
                ids.add(e.initiativeId());
                yield new Release(r.id, r.productId, r.name, r.targetDate, List.copyOf(ids));
            }
            case InitiativeUnscheduled e -> new Release(r.id, r.productId, r.name, r.targetDate,
                    r.initiativeIds.stream().filter(id -> !id.equals(e.initiativeId())).toList());
        };
    }

    public static List<ReleaseEvent> plan(UUID id, UUID productId, String name, LocalDate targetDate) {
        Objects.requireNonNull(targetDate, "targetDate");
        return List.of(new ReleasePlanned(id, productId, Text.required("name", name), targetDate));
    }

    public List<ReleaseEvent> reschedule(LocalDate to) {
        return to.equals(targetDate) ? List.of() : List.of(new ReleaseRescheduled(targetDate, to));
    }

    public List<ReleaseEvent> schedule(Initiative initiative) {
        if (initiative.status() == InitiativeStatus.DROPPED) {
            throw new RoadmapRuleViolation.Closed("initiative " + initiative.title() + " (DROPPED)");
        }
        return initiativeIds.contains(initiative.id()) ? List.of() : List.of(new InitiativeScheduled(initiative.id()));
    }

    public List<ReleaseEvent> unschedule(UUID initiativeId) {
        return initiativeIds.contains(initiativeId) ? List.of(new InitiativeUnscheduled(initiativeId)) : List.of();
    }
}
