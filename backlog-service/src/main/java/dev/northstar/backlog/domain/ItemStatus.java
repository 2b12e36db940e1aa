package dev.northstar.backlog.domain;

/**
 * Where an item is in the workflow. A rejection is a step (see {@link WorkflowStep}), not a resting status.
 * DISCARDED is the product owner's "won't do": out of the ranking until restored.
 */
public enum ItemStatus {
    NEW, READY, IN_PROGRESS, DONE, ACCEPTED, DISCARDED;

    /** Whether items in this status have a rank in the backlog (and a score that roadmap and demand changes move). */
    public boolean ranked() {
        return this != ACCEPTED && this != DISCARDED;
    }
}
