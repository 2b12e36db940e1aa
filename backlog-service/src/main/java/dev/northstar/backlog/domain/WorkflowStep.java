package dev.northstar.backlog.domain;

import java.util.List;

/**
 * What a client can ask an item to become. REJECTED is the product owner refusing DONE work:
 * it records the reason and puts the item back IN_PROGRESS.
 */
public enum WorkflowStep {
    NEW, READY, IN_PROGRESS, DONE, ACCEPTED, REJECTED;

    /**
     * The steps allowed from a status: the workflow NEW -> READY -> IN_PROGRESS -> DONE -> ACCEPTED | REJECTED. A
     * discarded item takes no step until it is restored.
     */
    public static List<WorkflowStep> allowedFrom(ItemStatus status) {
        return switch (status) {
            case NEW -> List.of(READY);
            case READY -> List.of(NEW, IN_PROGRESS);
            case IN_PROGRESS -> List.of(READY, DONE);
            case DONE -> List.of(ACCEPTED, REJECTED);
            case ACCEPTED, DISCARDED -> List.of();
        };
    }
}
