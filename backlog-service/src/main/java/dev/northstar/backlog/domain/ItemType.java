package dev.northstar.backlog.domain;

public enum ItemType {
    STORY, BUG, SPIKE, TECH_DEBT,
    /** A body of work too big for one iteration: other items sit in it (one level), and its progress is theirs. */
    EPIC
}
