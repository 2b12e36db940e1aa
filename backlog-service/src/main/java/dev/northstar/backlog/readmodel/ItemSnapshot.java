package dev.northstar.backlog.readmodel;

import dev.northstar.backlog.domain.BacklogItem;

import java.time.Instant;

/** An item as the backlog shows it: its state, version, times, and rank among the open items (null once accepted). */
public record ItemSnapshot(BacklogItem item, int version, Instant createdAt, Instant updatedAt, Integer rank) {
}
