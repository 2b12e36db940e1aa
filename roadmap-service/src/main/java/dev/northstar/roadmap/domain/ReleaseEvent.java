package dev.northstar.roadmap.domain;

import java.time.LocalDate;
import java.util.UUID;

public sealed interface ReleaseEvent {
    record ReleasePlanned(UUID releaseId, UUID productId, String name, LocalDate targetDate) implements ReleaseEvent {
    }

    record ReleaseRescheduled(LocalDate from, LocalDate to) implements ReleaseEvent {
    }

    record InitiativeScheduled(UUID initiativeId) implements ReleaseEvent {
    }

    record InitiativeUnscheduled(UUID initiativeId) implements ReleaseEvent {
    }
}
