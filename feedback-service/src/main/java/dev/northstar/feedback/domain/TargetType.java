package dev.northstar.feedback.domain;

/** What feedback and votes can point at. */
public enum TargetType {
    INITIATIVE, BACKLOG_ITEM
}
