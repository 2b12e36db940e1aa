package dev.northstar.roadmap.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
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

    /** The release went out at {@code shippedAt} with these initiatives; it takes no more changes. */
    record ReleaseShipped(Instant shippedAt, List<UUID> initiativeIds) implements ReleaseEvent {
    }
}
