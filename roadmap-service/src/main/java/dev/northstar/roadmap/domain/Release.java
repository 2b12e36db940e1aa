package dev.northstar.roadmap.domain;

import dev.northstar.roadmap.domain.ReleaseEvent.InitiativeScheduled;
import dev.northstar.roadmap.domain.ReleaseEvent.InitiativeUnscheduled;
import dev.northstar.roadmap.domain.ReleaseEvent.ReleasePlanned;
import dev.northstar.roadmap.domain.ReleaseEvent.ReleaseRescheduled;
import dev.northstar.roadmap.domain.ReleaseEvent.ReleaseShipped;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** A release: a name, a target date and the initiatives it ships; once shipped ({@code shippedAt}), it is closed. */
public record Release(UUID id, UUID productId, String name, LocalDate targetDate, List<UUID> initiativeIds, Instant shippedAt) {
    /** How far ahead of the server's clock a ship date may lie (clock skew between a deploy tool and us). */
    private static final Duration SKEW = Duration.ofMinutes(5);

    public static Release apply(Release r, ReleaseEvent event) {
        return switch (event) {
            case ReleasePlanned e -> new Release(e.releaseId(), e.productId(), e.name(), e.targetDate(), List.of(), null);
            case ReleaseRescheduled e -> new Release(r.id, r.productId, r.name, e.to(), r.initiativeIds, null);
            case InitiativeScheduled e -> {
                List<UUID> ids = new ArrayList<>(r.initiativeIds);
                ids.add(e.initiativeId());
                yield new Release(r.id, r.productId, r.name, r.targetDate, List.copyOf(ids), null);
            }
            case InitiativeUnscheduled e -> new Release(r.id, r.productId, r.name, r.targetDate,
                    r.initiativeIds.stream().filter(id -> !id.equals(e.initiativeId())).toList(), null);
            case ReleaseShipped e -> new Release(r.id, r.productId, r.name, r.targetDate, r.initiativeIds, e.shippedAt());
        };
    }

    /** Ships the release at {@code at} (now when null; not in the future); a second ship is refused. */
    public List<ReleaseEvent> ship(Instant at, Instant now) {
        requireOpen();
        Instant when = at == null ? now : at;
        if (when.isAfter(now.plus(SKEW))) {
            throw new RoadmapRuleViolation.InvalidValue("shippedAt", "must not lie in the future");
        }
        if (initiativeIds.isEmpty()) {
            throw new RoadmapRuleViolation.InvalidValue("initiativeIds", "is empty: a release ships at least one initiative");
        }
        return List.of(new ReleaseShipped(when, initiativeIds));
    }

    private void requireOpen() {
        if (shippedAt != null) {
            throw new RoadmapRuleViolation.Closed("release " + name + " (shipped " + shippedAt + ")");
        }
    }

    public static List<ReleaseEvent> plan(UUID id, UUID productId, String name, LocalDate targetDate) {
        Objects.requireNonNull(targetDate, "targetDate");
        return List.of(new ReleasePlanned(id, productId, Text.required("name", name), targetDate));
    }

    public List<ReleaseEvent> reschedule(LocalDate to) {
        requireOpen();
        return to.equals(targetDate) ? List.of() : List.of(new ReleaseRescheduled(targetDate, to));
    }

    public List<ReleaseEvent> schedule(Initiative initiative) {
        requireOpen();
        initiative.requireNotDropped();
        return initiativeIds.contains(initiative.id()) ? List.of() : List.of(new InitiativeScheduled(initiative.id()));
    }

    public List<ReleaseEvent> unschedule(UUID initiativeId) {
        requireOpen();
        return initiativeIds.contains(initiativeId) ? List.of(new InitiativeUnscheduled(initiativeId)) : List.of();
    }
}
