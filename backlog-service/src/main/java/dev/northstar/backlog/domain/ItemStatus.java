package dev.northstar.backlog.domain;

/** Where an item is in the workflow. A rejection is a step (see {@link WorkflowStep}), not a resting status. */
public enum ItemStatus {
    NEW, READY, IN_PROGRESS, DONE, ACCEPTED
}
