package dev.northstar.backlog.domain;

public enum ItemType {
    STORY, BUG, SPIKE, TECH_DEBT
}
