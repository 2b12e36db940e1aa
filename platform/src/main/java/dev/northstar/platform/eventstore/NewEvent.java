package dev.northstar.platform.eventstore;

import java.util.UUID;

/** An event about to be appended: its id, stored type name, CloudEvents type and JSON payload. */
public record NewEvent(UUID eventId, String eventType, String cloudEventType, String payload) {
}
