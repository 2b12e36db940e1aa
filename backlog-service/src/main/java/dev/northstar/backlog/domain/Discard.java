package dev.northstar.backlog.domain;

/** Why and by whom an item was discarded (won't do), and the status it left; kept on the item until it is restored. */
public record Discard(String reason, String discardedBy, ItemStatus from) {
}
