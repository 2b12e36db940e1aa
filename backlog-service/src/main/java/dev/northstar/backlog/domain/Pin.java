package dev.northstar.backlog.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The product owner put the item at a place in the backlog by hand. The item keeps its score, but the backlog is
 * ordered by {@code sortKey}, chosen when the pin was set to fall between the item's new neighbours; it holds when the
 * item's score moves, until the pin is removed.
 */
public record Pin(BigDecimal sortKey, PinPlace place, String reason, String pinnedBy, Instant pinnedAt) {

    /** "pinned by ana at 2026-11-29T10:00:00Z: the launch needs it (above 6a1d...)" */
    public String explanation() {
        return "pinned by " + pinnedBy + " at " + pinnedAt + ": " + reason + " (" + place.describe() + ")";
    }
}
