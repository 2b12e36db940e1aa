package dev.northstar.backlog.domain;

import java.util.UUID;

/** The event of another service that changed an item's priority: its CloudEvents id and type. */
public record PriorityCause(UUID eventId, String eventType) {
}
