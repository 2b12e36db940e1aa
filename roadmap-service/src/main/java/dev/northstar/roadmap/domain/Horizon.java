package dev.northstar.roadmap.domain;

/** When the product manager means to do an initiative: now, next, or later. */
public enum Horizon {
    NOW, NEXT, LATER
}
