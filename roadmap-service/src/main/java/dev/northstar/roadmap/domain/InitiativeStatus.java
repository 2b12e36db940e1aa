package dev.northstar.roadmap.domain;

import java.util.List;

public enum InitiativeStatus {
    PROPOSED, PLANNED, IN_PROGRESS, DONE, DROPPED;

    /** Status changes a product manager can make; DONE and DROPPED are final, and dropping has its own command. */
    public List<InitiativeStatus> allowedNext() {
        return switch (this) {
            case PROPOSED -> List.of(PLANNED, IN_PROGRESS);
            case PLANNED -> List.of(PROPOSED, IN_PROGRESS);
            case IN_PROGRESS -> List.of(PLANNED, DONE);
            case DONE, DROPPED -> List.of();
        };
    }

    public boolean isFinal() {
        return this == DONE || this == DROPPED;
    }
}
