package dev.northstar.feedback.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * Something that shipped, which answers the feedback linked to it: an initiative done, a release shipped (for the
 * feedback linked to its initiatives), a backlog item accepted. {@code id} is the initiative, release or item.
 */
public record Shipment(Kind kind, UUID id, String title, Instant at) {

    public enum Kind {
        INITIATIVE_DONE, RELEASE_SHIPPED, ITEM_ACCEPTED
    }
}
